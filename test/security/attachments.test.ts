// Hostile attachments (issue 9, DESIGN §7.4) through the public report upload and the clerk's multipart
// registration: what the other tests leave out. Already covered elsewhere and not repeated here — a macro
// docx, an external template and a legacy .doc through the public upload (test/api/public-attachments.test.ts),
// the OOXML inspection in depth (test/unit/files-ooxml.test.ts), the header-only pixel check and the size limit
// of one file (test/unit/files-sniff.test.ts), the download headers of a clean PDF (test/api/attachment-download.test.ts).
// Here: polyglots, a plain ZIP named .docx, a 50,000 × 50,000 PNG header, too many and too large files, hostile
// names, the same Office refusals through the staff upload; each refusal a bilingual problem+json that stores
// nothing, each acceptance a sanitised name and a no-sniff download under the sniffed type.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_LIMITS } from '../../src/http/uploads.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { docxParts, minimalPdf, pngBombHeader, zip } from '../helpers/files.js';
import { multipartReport, type UploadFile } from '../helpers/multipart.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const REPORT = { type: 'complaint', content: '窗口工作人员推诿拖延，三次前来都没有办成业务。', anonymity: 'anonymous' };
const LETTER = { ...REPORT, channel: 'letter', receivedAt: '2026-03-02T09:30:00+08:00', channelDetails: { postmarkDate: '2026-02-26', postmarkPlace: '示例市邮政局', envelopeNote: '信封' } };
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script><img src=x onerror=alert(1)></body></html>');
const TITLES = { 415: ['文件类型不支持', 'Unsupported file type'], 413: ['提交内容过大', 'Too large'] } as const;

let t: TestApp;
let b: Bureau;
let jpeg: Buffer;
let png: Buffer;

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#884422' } }).jpeg().toBuffer();
  png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#224488' } }).png().toBuffer();
});
afterAll(async () => t.close());

function publicUpload(files: readonly UploadFile[], lang?: string): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartReport(REPORT, files);
  const headers: Record<string, string> = { origin: ORIGIN, 'content-type': contentType, ...(lang === undefined ? {} : { 'accept-language': lang }) };
  return t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers, payload });
}

async function staffUpload(files: readonly UploadFile[], lang?: string): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartReport(LETTER, files);
  return (await b.as('intake')).send('POST', '/api/v1/cases', payload, { 'content-type': contentType, ...(lang === undefined ? {} : { 'accept-language': lang }) });
}

/** What a refusal must leave behind: no case, no attachment row, no file in the data folder. */
async function stored(): Promise<{ cases: number; attachments: number; files: number }> {
  const q = async (table: string) => (await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const root = path.join(t.dataDir, 'attachments');
  let files = 0;
  for (const y of await readdir(root).catch(() => [])) files += (await readdir(path.join(root, y))).length;
  return { cases: await q('cases'), attachments: await q('attachments'), files };
}

type Upload = (files: readonly UploadFile[], lang?: string) => Promise<LightMyRequestResponse>;

/** Refused in Chinese by default and in English on request, as problem+json naming the file, storing nothing. */
async function expectRefused(upload: Upload, files: readonly UploadFile[], status: 413 | 415, reason: string | null, fileIndex = 0): Promise<void> {
  const before = await stored();
  for (const [i, lang] of [undefined, 'en'].entries()) {
    const res = await upload(files, lang);
    expect(res.statusCode, `${lang ?? 'zh'} ${res.body}`).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/u);
    const problem = res.json<{ title: string; detail: string; errors?: { path: string; code: string }[] }>();
    expect(problem.title).toBe(TITLES[status][i]);
    expect(problem.detail.length).toBeGreaterThan(5);
    // The English answer is English, the Chinese one Chinese.
    expect(/[\u4e00-\u9fff]/u.test(problem.detail)).toBe(lang === undefined);
    if (reason !== null) expect(problem.errors).toEqual([expect.objectContaining({ path: `files.${String(fileIndex)}`, code: reason })]);
  }
  expect(await stored()).toEqual(before);
}

interface Att {
  id: string;
  name: string;
  mediaType: string;
  origin: string;
}

/** The accepted case's original attachments as the centre sees them, with each download's answer. */
async function downloads(caseNumber: string): Promise<{ att: Att; res: LightMyRequestResponse }[]> {
  const atts = (await b.detail('intake', caseNumber)).json<{ attachments: Att[] }>().attachments.filter((a) => a.origin === 'original');
  const viewer = await b.as('intake');
  return Promise.all(atts.map(async (att) => ({ att, res: await viewer.send('GET', `/api/v1/cases/${caseNumber}/attachments/${att.id}`) })));
}

function expectSafeDownload(att: Att, res: LightMyRequestResponse): void {
  expect(res.statusCode, att.name).toBe(200);
  expect(res.headers['content-type']).toBe(att.mediaType);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/u);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
}

describe('polyglots and disguised archives', () => {
  it('stores a real JPEG carrying HTML as image/jpeg and serves it only as a no-sniff download', async () => {
    const res = await publicUpload([{ name: 'photo.html', type: 'text/html', bytes: Buffer.concat([jpeg, HTML]) }]);
    expect(res.statusCode, res.body).toBe(201);
    const [one, ...rest] = await downloads(res.json<{ caseNumber: string }>().caseNumber);
    expect(rest).toEqual([]);
    expect(one!.att.mediaType).toBe('image/jpeg');
    // The name claimed HTML; the stored name ends in the sniffed type's extension.
    expect(one!.att.name).toBe('photo.html.jpg');
    expectSafeDownload(one!.att, one!.res);
  });

  it('refuses a JPEG header in front of an HTML page: the image does not read', async () => {
    const fake = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), HTML]);
    await expectRefused(publicUpload, [{ name: 'x.jpg', type: 'image/jpeg', bytes: fake }], 415, 'malformed');
  });

  it('stores a PDF with a ZIP appended as a PDF, downloaded under that type', async () => {
    const polyglot = Buffer.concat([minimalPdf(['polyglot']), zip({ 'evil.html': HTML.toString() })]);
    const res = await publicUpload([{ name: 'scan.zip', type: 'application/zip', bytes: polyglot }]);
    expect(res.statusCode, res.body).toBe(201);
    const [one] = await downloads(res.json<{ caseNumber: string }>().caseNumber);
    expect([one!.att.mediaType, one!.att.name]).toEqual(['application/pdf', 'scan.zip.pdf']);
    expectSafeDownload(one!.att, one!.res);
  });

  it('refuses a ZIP with a PDF inside or after it, and a plain ZIP renamed .docx', async () => {
    await expectRefused(publicUpload, [{ name: 'a.pdf', type: 'application/pdf', bytes: Buffer.concat([zip({ 'a.pdf': minimalPdf(['x']) }), minimalPdf(['y'])]) }], 415, null);
    await expectRefused(publicUpload, [{ name: '材料.docx', type: DOCX_TYPE, bytes: zip({ 'word/document.xml': '<w:document/>', 'run.html': HTML.toString() }) }], 415, null);
  });
});

describe('image and upload limits', () => {
  it('refuses a PNG header claiming 50,000 × 50,000 pixels as too many pixels, not as a broken file', async () => {
    const bomb = pngBombHeader(50_000, 50_000);
    expect(bomb.length).toBeLessThan(100);
    await expectRefused(publicUpload, [{ name: 'big.png', type: 'image/png', bytes: bomb }], 415, 'too_many_pixels');
  });

  it(`refuses more than ${String(UPLOAD_LIMITS.files)} files, and a file over ${String(UPLOAD_LIMITS.fileBytes / 1024 / 1024)} MB`, async () => {
    const many = Array.from({ length: UPLOAD_LIMITS.files + 1 }, (_, i) => ({ name: `${String(i)}.txt`, type: 'text/plain', bytes: Buffer.from(`第${String(i)}页`) }));
    await expectRefused(publicUpload, many, 413, null);
    await expectRefused(publicUpload, [{ name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(UPLOAD_LIMITS.fileBytes + 1, 'a') }], 413, null);
  });

  it(`refuses files each within the limit that add up to more than ${String(UPLOAD_LIMITS.submissionBytes / 1024 / 1024)} MB`, async () => {
    // The limits are constants, not configuration: five files of a fifth of the total and a little more.
    const part = Buffer.alloc(Math.floor(UPLOAD_LIMITS.submissionBytes / 5) + 1024, 'a');
    expect(part.length).toBeLessThan(UPLOAD_LIMITS.fileBytes);
    await expectRefused(publicUpload, Array.from({ length: 5 }, (_, i) => ({ name: `${String(i)}.txt`, type: 'text/plain', bytes: part })), 413, null);
  });
});

describe('names', () => {
  const hostile = ['../../etc/passwd', 'a\u202Egnp.exe', 'tab\u0009bell\u0007nul\u0001.txt', `${'长'.repeat(300)}.txt`, 'con.txt', '..\\..\\boot.ini', 'NUL', 'lpt1.png'];

  it('keeps every file under a sanitised name: no path, control, bidi or device names, at most 100 characters and the sniffed extension', async () => {
    // Image bytes under every name: text is taken only under a .txt name, and the name is what is tested here.
    const files = hostile.map((name) => ({ name, type: 'application/octet-stream', bytes: png }));
    const res = await publicUpload(files);
    expect(res.statusCode, res.body).toBe(201);
    const got = await downloads(res.json<{ caseNumber: string }>().caseNumber);
    const names = got.map((g) => g.att.name);
    expect(names).toHaveLength(hostile.length);
    for (const { att, res: download } of got) {
      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      expect(att.name).not.toMatch(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\:*?"<>|]/u);
      expect(att.name).not.toMatch(/^\./u);
      expect(att.name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/iu);
      expect(Array.from(att.name).length).toBeLessThanOrEqual(104);
      expect([att.mediaType, att.name.endsWith('.png')], att.name).toEqual(['image/png', true]);
      expectSafeDownload(att, download);
    }
    expect(names).toContain('a_gnp.exe.png');
    expect(names).not.toContain('con.txt.png');
  });
});

describe('the staff upload', () => {
  const macro = zip({ ...docxParts(), 'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) });
  const external = zip({
    ...docxParts(),
    'word/_rels/settings.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://x.example/t.dotm" TargetMode="External"/></Relationships>',
  });
  const cfb = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

  it('refuses a macro docx, an external template, a legacy .doc and a pixel bomb, storing nothing', async () => {
    await expectRefused(staffUpload, [{ name: '扫描.png', type: 'image/png', bytes: png }, { name: '说明.docx', type: DOCX_TYPE, bytes: macro }], 415, 'macros', 1);
    await expectRefused(staffUpload, [{ name: '说明.docx', type: DOCX_TYPE, bytes: external }], 415, 'external_relationship');
    await expectRefused(staffUpload, [{ name: '旧.doc', type: 'application/msword', bytes: cfb }], 415, 'not_allowed');
    await expectRefused(staffUpload, [{ name: '来信.png', type: 'image/png', bytes: pngBombHeader(50_000, 50_000) }], 415, 'too_many_pixels');
  });

  it('keeps a hostile name sanitised', async () => {
    const res = await staffUpload([{ name: '../来信\u202Egpj.exe', type: 'image/jpeg', bytes: jpeg }]);
    expect(res.statusCode, res.body).toBe(201);
    const [one] = await downloads(res.json<{ caseNumber: string }>().caseNumber);
    expect([one!.att.name, one!.att.mediaType]).toEqual(['来信_gpj.exe.jpg', 'image/jpeg']);
    expectSafeDownload(one!.att, one!.res);
  });
});
