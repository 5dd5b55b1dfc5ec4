// Real test files built in memory: OOXML packages with fflate, a hand-written PDF, crafted headers.
import { crc32 } from 'node:zlib';
import { strToU8, zipSync, type Zippable } from 'fflate';

const CT_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
export const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function contentTypes(overrides: Record<string, string>, defaults: Record<string, string> = {}): string {
  const d = { rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml', ...defaults };
  return `${xmlHead}<Types xmlns="${CT_NS}">${Object.entries(d).map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`).join('')}${Object.entries(overrides).map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')}</Types>`;
}

export function rels(list: readonly { id: string; type: string; target: string; external?: boolean }[]): string {
  return `${xmlHead}<Relationships xmlns="${REL_NS}">${list.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"${r.external === true ? ' TargetMode="External"' : ''}/>`).join('')}</Relationships>`;
}

export function wordDocument(body: string): string {
  return `${xmlHead}<w:document xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`;
}

export const CLEAN_BODY = '<w:p><w:r><w:t>举报材料</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">时间：</w:t></w:r><w:r><w:tab/><w:t>2026年2月20日 A &amp; B</w:t></w:r></w:p><w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>';

/** The parts of a minimal valid docx; tests add or replace parts to make it hostile. */
export function docxParts(body: string = CLEAN_BODY): Record<string, string | Uint8Array> {
  return {
    '[Content_Types].xml': contentTypes({ '/word/document.xml': DOCX_MAIN }),
    '_rels/.rels': rels([{ id: 'rId1', type: OFFICE_DOC, target: 'word/document.xml' }]),
    'word/document.xml': wordDocument(body),
    'word/_rels/document.xml.rels': rels([]),
  };
}

export function xlsxParts(): Record<string, string | Uint8Array> {
  return {
    '[Content_Types].xml': contentTypes({ '/xl/workbook.xml': XLSX_MAIN, '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml' }),
    '_rels/.rels': rels([{ id: 'rId1', type: OFFICE_DOC, target: 'xl/workbook.xml' }]),
    'xl/workbook.xml': `${xmlHead}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': rels([{ id: 'rId1', type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet', target: 'worksheets/sheet1.xml' }]),
    'xl/worksheets/sheet1.xml': `${xmlHead}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>金额</t></is></c></row></sheetData></worksheet>`,
  };
}

export function zip(parts: Record<string, string | Uint8Array>): Buffer {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(parts)) files[name] = typeof data === 'string' ? strToU8(data) : data;
  return Buffer.from(zipSync(files, { level: 6 }));
}

/** Rewrites the uncompressed size one entry declares in the central directory. */
export function declareSize(archive: Buffer, entry: string, size: number): Buffer {
  const out = Buffer.from(archive);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(central); at !== -1; at = out.indexOf(central, at + 4)) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.subarray(at + 46, at + 46 + nameLength).toString('utf8') === entry) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no central directory entry ${entry}`);
}

/** A valid PDF with one page per text, offsets computed so poppler needs no repair. */
export function minimalPdf(pageTexts: readonly string[], mediaBox: readonly [number, number] = [595, 842]): Buffer {
  const n = pageTexts.length;
  const font = 3 + n * 2;
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${pageTexts.map((_, i) => `${String(3 + i * 2)} 0 R`).join(' ')}] /Count ${String(n)} >>`];
  pageTexts.forEach((text, i) => {
    const content = `BT /F1 36 Tf 72 700 Td (${text}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${String(mediaBox[0])} ${String(mediaBox[1])}] /Contents ${String(4 + i * 2)} 0 R /Resources << /Font << /F1 ${String(font)} 0 R >> >> >>`);
    objects.push(`<< /Length ${String(content.length)} >>\nstream\n${content}\nendstream`);
  });
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${String(i + 1)} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG that declares width × height RGB pixels but carries almost no data: decoding it would be the bomb. */
export function pngBombHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', Buffer.from('789c030000000001', 'hex')), pngChunk('IEND', Buffer.alloc(0))]);
}

/** An ISO base media file header with the given major brand (mp4, mov, heic, m4a), padded. */
export function isoMedia(brand: string, size = 256): Buffer {
  const head = Buffer.alloc(24);
  head.writeUInt32BE(24, 0);
  head.write('ftyp', 4, 'latin1');
  head.write(brand.padEnd(4, ' '), 8, 'latin1');
  head.write(brand.padEnd(4, ' '), 16, 'latin1');
  const free = Buffer.alloc(Math.max(8, size - 24));
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([head, free]);
}
