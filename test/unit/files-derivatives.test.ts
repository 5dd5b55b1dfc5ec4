// Derivatives for units (DESIGN §3.4): what leaves the centre carries no metadata and no package.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDerivatives } from '../../src/security/file-checks/derivatives.js';
import { PdfRenderFailed } from '../../src/security/file-checks/pdf-pages.js';
import { docxParts, isoMedia, minimalPdf, pngChunk, xlsxParts, zip } from '../helpers/files.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function photo(format: 'jpeg' | 'png' | 'webp'): Sharp {
  // 8 wide, 6 high, stored sideways: EXIF orientation 6 says "turn 90° clockwise to view".
  return sharp({ create: { width: 8, height: 6, channels: 3, background: '#c03030' } })
    .toFormat(format)
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Artist: 'Reporter Zhang', Make: 'PhoneMaker', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 29/1' } });
}

describe('images', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('%s: re-encoded upright, in the same format, without EXIF or GPS', async (format) => {
    const original = await photo(format).toBuffer();
    const before = await sharp(original).metadata();
    expect(before.exif?.toString('latin1')).toContain('Reporter Zhang');
    expect(before.orientation).toBe(6);

    const [derivative, ...more] = await makeDerivatives(`image/${format}`, original);
    expect(more).toEqual([]);
    expect(derivative?.mediaType).toBe(`image/${format}`);
    const after = await sharp(derivative!.bytes).metadata();
    expect(after.format).toBe(format);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(derivative!.bytes.includes('Reporter Zhang')).toBe(false);
    expect(derivative!.bytes.includes('PhoneMaker')).toBe(false);
    // Turned upright before the orientation tag was dropped.
    expect([after.width, after.height]).toEqual([6, 8]);
  });

  it('drops an ICC profile and PNG text comments', async () => {
    const tagged = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#00ff00' } }).png().withIccProfile('p3').withMetadata().toBuffer();
    const afterHeader = 8 + 25; // signature, IHDR
    const commented = Buffer.concat([tagged.subarray(0, afterHeader), pngChunk('tEXt', Buffer.from('Comment\u0000Reporter phone 13800138000', 'latin1')), tagged.subarray(afterHeader)]);
    const before = await sharp(commented).metadata();
    expect(before.icc).toBeDefined();
    expect(before.comments).toEqual([{ keyword: 'Comment', text: 'Reporter phone 13800138000' }]);
    const [derivative] = await makeDerivatives('image/png', commented);
    const after = await sharp(derivative!.bytes).metadata();
    expect(after.icc).toBeUndefined();
    expect(after.comments).toBeUndefined();
    expect(derivative!.bytes.includes('13800138000')).toBe(false);
  });
});

describe('docx as text', () => {
  it('gives paragraphs as lines, with tabs, breaks and entities', async () => {
    const [derivative, ...more] = await makeDerivatives(DOCX, zip(docxParts()));
    expect(more).toEqual([]);
    expect(derivative).toMatchObject({ mediaType: 'text/plain', ext: 'txt' });
    expect(derivative!.bytes.toString('utf8')).toBe('举报材料\n时间：\t2026年2月20日 A & B\n第一行\n第二行\n');
  });

  it('leaves out hidden runs, deletions, field codes and compatibility fallbacks', async () => {
    const body = [
      '<w:p><w:r><w:t>看得见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的联系电话</w:t></w:r></w:p>',
      '<w:p><w:del w:id="1" w:author="x"><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>加上的</w:t></w:r></w:ins></w:p>',
      '<w:p><w:r><w:instrText> AUTHOR </w:instrText></w:r><w:r><w:t>正文</w:t></w:r></w:p>',
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    ].join('');
    const [derivative] = await makeDerivatives(DOCX, zip(docxParts(body)));
    expect(derivative!.bytes.toString('utf8')).toBe('看得见\n加上的\n正文\n文本框\n\n');
  });
});

describe('PDF as page images', () => {
  let tempRoot: string;
  beforeAll(async () => {
    tempRoot = await mkdtemp(path.join(os.tmpdir(), 'zt-deriv-test-'));
  });
  afterAll(async () => {
    await rm(tempRoot, { recursive: true, force: true });
  });

  it('draws each page as a PNG at about 110 dpi and leaves no temporary files', async () => {
    const pages = await makeDerivatives('application/pdf', minimalPdf(['Page one', 'Page two']), { tempDir: tempRoot });
    expect(pages.map((p) => [p.mediaType, p.ext, p.page])).toEqual([['image/png', 'png', 1], ['image/png', 'png', 2]]);
    for (const p of pages) {
      const meta = await sharp(p.bytes).metadata();
      expect(meta.format).toBe('png');
      // A4 is 8.27 × 11.69 inches.
      expect(meta.width).toBeGreaterThan(850);
      expect(meta.width).toBeLessThan(960);
    }
    expect(pages[0]!.bytes.equals(pages[1]!.bytes)).toBe(false);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('hands pdftoppm a private folder (0700) and input (0600), no shell and no inherited environment', async () => {
    // A stand-in for pdftoppm that reports what it was given instead of drawing.
    const spyDir = await mkdtemp(path.join(os.tmpdir(), 'zt-spy-'));
    try {
      const report = path.join(spyDir, 'report.txt');
      const spy = path.join(spyDir, 'pdftoppm');
      await writeFile(spy, `#!/bin/sh\nfor last; do :; done\nin=""; for a; do [ "$a" = "$last" ] && break; in="$a"; done\n{ stat -c '%a' "$(dirname "$in")" "$in"; echo "secret=$ZT_SECRET_PROBE"; } > ${report}\nprintf 'x' > "$last-1.png"\n`, { mode: 0o700 });
      process.env.ZT_SECRET_PROBE = 'leaked';
      await expect(makeDerivatives('application/pdf', minimalPdf(['x']), { tempDir: tempRoot, pdftoppm: spy })).rejects.toThrow();
      expect((await readFile(report, 'utf8')).split('\n')).toEqual(['700', '600', 'secret=', '']);
      expect(await readdir(tempRoot)).toEqual([]);
    } finally {
      delete process.env.ZT_SECRET_PROBE;
      await rm(spyDir, { recursive: true, force: true });
    }
  });

  it('stops at the page cap', async () => {
    const pages = await makeDerivatives('application/pdf', minimalPdf(['1', '2', '3']), { tempDir: tempRoot, maxPages: 2 });
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
  });

  it('draws a page of absurd size scaled to fit, not at 110 dpi', async () => {
    const [page] = await makeDerivatives('application/pdf', minimalPdf(['Huge'], [14_400, 14_400]), { tempDir: tempRoot });
    const meta = await sharp(page!.bytes).metadata();
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(4096);
  });

  it('fails cleanly on a broken PDF and still removes its folder', async () => {
    await expect(makeDerivatives('application/pdf', Buffer.from('%PDF-1.4\ngarbage'), { tempDir: tempRoot })).rejects.toBeInstanceOf(PdfRenderFailed);
    expect(await readdir(tempRoot)).toEqual([]);
  });

  it('kills pdftoppm at the timeout', async () => {
    const many = minimalPdf(Array.from({ length: 40 }, (_, i) => `Page ${String(i)}`));
    await expect(makeDerivatives('application/pdf', many, { tempDir: tempRoot, timeoutMs: 1 })).rejects.toThrow(/timed out/u);
    expect(await readdir(tempRoot)).toEqual([]);
  });
});

describe('text and everything else', () => {
  it('passes a .txt on as normalised UTF-8 text', async () => {
    const [derivative] = await makeDerivatives('text/plain', Buffer.from('\ufeff第一行\r\n第二行\r'));
    expect(derivative!.bytes.toString('utf8')).toBe('第一行\n第二行\n');
  });

  it.each([
    ['audio/mpeg', Buffer.alloc(16)],
    ['video/mp4', isoMedia('isom')],
    ['image/heic', isoMedia('heic')],
    ['application/x-cfb', Buffer.from('d0cf11e0a1b11ae1', 'hex')],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip(xlsxParts())],
  ])('%s stays with the centre', async (mediaType, bytes) => {
    expect(await makeDerivatives(mediaType, bytes)).toEqual([]);
  });
});
