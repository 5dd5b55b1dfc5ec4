// The widened allow-list on the public upload route (DESIGN §7.4): Office files only as plain OOXML,
// refusals as bilingual problem+json that store nothing, legacy Office only when the operator allows it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParts, zip } from '../helpers/files.js';
import { multipartReport, type UploadFile } from '../helpers/multipart.js';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js';

const report = { type: 'complaint', content: '窗口工作人员推诿拖延，三次前来都没有办成业务。', anonymity: 'anonymous' };
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const cfb = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

function upload(t: TestApp, files: UploadFile[], headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartReport(report, files);
  return t.app.inject({ method: 'POST', url: '/api/v1/public/reports', headers: { origin: ORIGIN, 'content-type': contentType, ...headers }, payload });
}

async function stored(t: TestApp): Promise<{ cases: number; attachments: number; files: number }> {
  const q = async (table: string) => (await t.deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const root = path.join(t.dataDir, 'attachments');
  const years = await readdir(root).catch(() => []);
  let files = 0;
  for (const y of years) files += (await readdir(path.join(root, y))).length;
  return { cases: await q('cases'), attachments: await q('attachments'), files };
}

describe('public attachments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a docx with a macro with 415 problem+json, in Chinese by default, and stores nothing', async () => {
    const before = await stored(t);
    const macro = zip({ ...docxParts(), 'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) });
    const photo = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#888888' } }).png().toBuffer();
    const res = await upload(t, [{ name: '照片.png', type: 'image/png', bytes: photo }, { name: '情况说明.docx', type: DOCX_TYPE, bytes: macro }]);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/u);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 415, code: 'unsupported_media_type', title: '文件类型不支持' });
    expect(problem.detail).toContain('宏');
    expect(problem.errors).toEqual([{ path: 'files.1', code: 'macros', message: problem.detail }]);
    // Neither the refused file nor the good one before it was kept.
    expect(await stored(t)).toEqual(before);
  });

  it('says the same in English when asked', async () => {
    const external = zip({ ...docxParts(), 'word/_rels/settings.xml.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://x.example/t.dotm" TargetMode="External"/></Relationships>' });
    const res = await upload(t, [{ name: 'a.docx', type: DOCX_TYPE, bytes: external }], { 'accept-language': 'en' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ title: 'Unsupported file type', errors: [{ code: 'external_relationship' }] });
    expect(res.json().detail).toMatch(/external links/u);
  });

  it('accepts a WebP and a clean docx and stores them under their sniffed types', async () => {
    const before = await stored(t);
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2060a0' } }).webp().toBuffer();
    const res = await upload(t, [{ name: '现场.webp', type: 'image/webp', bytes: webp }, { name: '说明', type: 'application/octet-stream', bytes: zip(docxParts()) }]);
    expect(res.statusCode).toBe(201);
    const { caseNumber } = res.json<{ caseNumber: string }>();
    const rows = await t.deps.pool.query<{ id: string; media_type: string; name_enc: Buffer }>(
      'SELECT a.id, a.media_type, a.name_enc FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.case_number = $1 ORDER BY a.id',
      [caseNumber],
    );
    expect(rows.rows.map((r) => r.media_type).sort()).toEqual([DOCX_TYPE, 'image/webp']);
    const names = rows.rows.map((r) => t.deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: r.id }, r.name_enc)).sort();
    expect(names).toEqual(['现场.webp', '说明.docx']);
    const after = await stored(t);
    expect(after.attachments - before.attachments).toBe(2);
    expect(after.files - before.files).toBe(2);
  });

  it('refuses legacy Office by default', async () => {
    const res = await upload(t, [{ name: '旧文档.doc', type: 'application/msword', bytes: cfb }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'files.0', code: 'not_allowed' })]);
  });
});

describe('legacy Office when the operator allows it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ZHITONG_ALLOW_LEGACY_OFFICE: 'on' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts a .doc compound file as application/x-cfb', async () => {
    const res = await upload(t, [{ name: '旧文档.doc', type: 'application/msword', bytes: cfb }]);
    expect(res.statusCode).toBe(201);
    const rows = await t.deps.pool.query<{ media_type: string }>('SELECT media_type FROM attachments');
    expect(rows.rows).toEqual([{ media_type: 'application/x-cfb' }]);
  });
});
