// Reading an .xlsx back in tests: unzip it (fflate) and read the sheet XML — each sheet's cells with their
// stored type (t="s" shared string, inlineStr, none for numbers) and whether any cell holds a formula.
import { strFromU8, unzipSync } from 'fflate';

export interface XlsxCell {
  readonly ref: string;
  /** the cell's t attribute: 's' (shared string), 'inlineStr', 'str' (formula string), '' for a number */
  readonly t: string;
  readonly value: string;
  readonly formula: boolean;
}

export interface XlsxSheet {
  readonly name: string;
  readonly xml: string;
  readonly cells: readonly XlsxCell[];
  /** cell values row by row, as text */
  readonly rows: readonly (readonly string[])[];
}

const decode = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/giu, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : e === 'amp' ? '&' : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1))));

/** The text of every <t> in an element (rich text has several). */
const textOf = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/gu)].map((m) => decode(m[1] ?? '')).join('');

export function readXlsx(bytes: Buffer): { files: Record<string, string>; sheets: XlsxSheet[] } {
  const zip = unzipSync(new Uint8Array(bytes));
  const files = Object.fromEntries(Object.entries(zip).map(([name, data]) => [name, strFromU8(data)]));
  const shared = [...(files['xl/sharedStrings.xml'] ?? '').matchAll(/<si>([\s\S]*?)<\/si>/gu)].map((m) => textOf(m[1] ?? ''));
  const rels = new Map([...(files['xl/_rels/workbook.xml.rels'] ?? '').matchAll(/<Relationship\s[^>]*>/gu)].map((m) => [/Id="([^"]+)"/u.exec(m[0])?.[1] ?? '', /Target="([^"]+)"/u.exec(m[0])?.[1] ?? '']));
  const sheets = [...(files['xl/workbook.xml'] ?? '').matchAll(/<sheet\s[^>]*>/gu)].map((m): XlsxSheet => {
    const name = decode(/name="([^"]*)"/u.exec(m[0])?.[1] ?? '');
    const target = (rels.get(/r:id="([^"]+)"/u.exec(m[0])?.[1] ?? '') ?? '').replace(/^\/?(xl\/)?/u, 'xl/');
    const xml = files[target] ?? '';
    const rows: string[][] = [];
    const cells: XlsxCell[] = [];
    for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/gu)) {
      const values: string[] = [];
      for (const c of (row[1] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/gu)) {
        const attrs = c[1] ?? '';
        const body = c[2] ?? '';
        const t = /\st="([^"]*)"/u.exec(attrs)?.[1] ?? '';
        const v = decode(/<v>([^<]*)<\/v>/u.exec(body)?.[1] ?? '');
        const value = t === 's' ? (shared[Number(v)] ?? '') : t === 'inlineStr' ? textOf(body) : v;
        cells.push({ ref: /r="([^"]*)"/u.exec(attrs)?.[1] ?? '', t, value, formula: /<f[\s>]/u.test(body) });
        values.push(value);
      }
      rows.push(values);
    }
    return { name, xml, cells, rows };
  });
  return { files, sheets };
}
