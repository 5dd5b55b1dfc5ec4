// Print templates are plain text the sysadmin edits (DESIGN §7.3: admin-written texts are plain text):
// `标签｜{{placeholder}}` lines become the rows of a form table, `>` lines the right-aligned signature and date
// of a letter, blank lines separate paragraphs, everything else is paragraph text. Rendering substitutes
// values as text: nothing here is markup, and the console lays the blocks out as text.
import { isPlaceholder, type Placeholder } from './documents.js';

export type PrintBlock =
  | { readonly type: 'row'; readonly label: string; readonly value: string }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'sign'; readonly text: string }
  | { readonly type: 'gap' };

const TOKEN = /\{\{\s*([A-Za-z]+)\s*\}\}/gu;
const ROW_SEPARATOR = /[｜|]/u;
/** Long enough for any real form; a limit keeps a pasted novel out of the settings. */
export const TEMPLATE_LIMITS = { title: 60, body: 8_000, numberPrefix: 20 } as const;

export interface TemplateProblem {
  readonly line: number;
  readonly code: 'unknown_placeholder' | 'empty_label';
  readonly detail: string;
}

/** Every problem of a template body; an empty list means it can be stored. */
export function checkTemplate(body: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  body.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(TOKEN)) {
      const name = m[1] ?? '';
      if (!isPlaceholder(name)) problems.push({ line: i + 1, code: 'unknown_placeholder', detail: name });
    }
    const parts = line.split(ROW_SEPARATOR);
    if (parts.length > 1 && (parts[0] ?? '').trim() === '') problems.push({ line: i + 1, code: 'empty_label', detail: line.trim().slice(0, 40) });
  });
  return problems;
}

function fill(text: string, values: Readonly<Partial<Record<Placeholder, string>>>): string {
  return text.replace(TOKEN, (_whole, name: string) => (isPlaceholder(name) ? (values[name] ?? '') : ''));
}

/** The template's blocks with the values in; a value's own line breaks stay inside its block. */
export function renderTemplate(body: string, values: Readonly<Partial<Record<Placeholder, string>>>): PrintBlock[] {
  const blocks: PrintBlock[] = [];
  for (const raw of body.replace(/\r\n?/gu, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (blocks.length > 0 && blocks.at(-1)?.type !== 'gap') blocks.push({ type: 'gap' });
      continue;
    }
    if (line.startsWith('>')) {
      blocks.push({ type: 'sign', text: fill(line.slice(1).trim(), values) });
      continue;
    }
    const at = line.search(ROW_SEPARATOR);
    if (at > 0) {
      blocks.push({ type: 'row', label: line.slice(0, at).trim(), value: fill(line.slice(at + 1).trim(), values) });
      continue;
    }
    blocks.push({ type: 'text', text: fill(line, values) });
  }
  while (blocks.at(-1)?.type === 'gap') blocks.pop();
  return blocks;
}

/** 示例公督交〔2026〕12号: the bureau's prefix, the year in 六角括号, the number of the year. */
export function documentNumberText(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${String(year)}〕${String(seq)}号`;
}

/** The default prefix from the bureau's name: 示例市公安局 → 示例公督交 (公安督察交办), until the sysadmin sets one. */
export function defaultNumberPrefix(bureauName: string): string {
  const short = bureauName.replace(/(?:市|州|地区|盟)?公安(?:局|厅)$/u, '');
  return `${short === '' ? '' : short}公督交`;
}
