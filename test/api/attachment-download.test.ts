// One attachment of a case (DESIGN §3.4, §7.3, §7.4): read exactly like the case detail, originals for the centre
// and derivatives for units, every other id the byte-identical 404 of a nonexistent case; audited, committed,
// before a byte leaves; a sandboxed no-sniff download with the stored type, inline only for images and audio.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { minimalPdf } from '../helpers/files.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { asSuperuser, auditTargets } from '../helpers/audit.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let n: string;
let other: string;
let photo: Buffer;
const pdf = minimalPdf(['page one']);
const audio = Buffer.from('ID3fake-audio');

interface Att {
  id: string;
  name: string;
  mediaType: string;
  origin: string;
}

async function attachments(user: string, caseNumber = n): Promise<Att[]> {
  return (await b.detail(user, caseNumber)).json<{ attachments: Att[] }>().attachments;
}

async function get(user: string, id: string, caseNumber = n, suffix = '') {
  return (await b.as(user)).send('GET', `/api/v1/cases/${caseNumber}/attachments/${id}${suffix}`);
}

async function assigned(content: string, files: { name: string; mediaType: string; bytes: Buffer }[]): Promise<string> {
  const c = (await submitReport(t.deps, { type: 'complaint', anonymity: 'anonymous', subjects: [], content }, files, { channel: 'web' })).caseNumber;
  await b.ok('intake', c, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
  await b.ok('duty_leader', c, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
  return c;
}

beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).jpeg().withExif({ IFD0: { Copyright: 'EXIF-MARKER-4410' } }).toBuffer();
  n = await assigned('城关派出所门口违停车辆长期无人管理，附照片、说明和录音。', [
    { name: '现场照片.jpg', mediaType: 'image/jpeg', bytes: photo },
    { name: '情况说明 (1).pdf', mediaType: 'application/pdf', bytes: pdf },
    { name: '录音.mp3', mediaType: 'audio/mpeg', bytes: audio },
  ]);
  other = await assigned('另一件：城关派出所窗口办事拖延，附照片。', [{ name: '另一张.jpg', mediaType: 'image/jpeg', bytes: photo }]);
  const runner = createTestRunner(t);
  await runner.runNow('outbox.relay');
  await runner.runNow('outbox.relay');
});
afterAll(async () => t.close());

describe('who gets which file', () => {
  it('gives the centre the original bytes as uploaded, on record before they left', async () => {
    const originals = (await attachments('assigner')).filter((a) => a.origin === 'original');
    const jpg = originals.find((a) => a.mediaType === 'image/jpeg')!;
    const res = await get('assigner', jpg.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(photo)).toBe(true);
    const pdfRes = await get('assigner', originals.find((a) => a.mediaType === 'application/pdf')!.id);
    expect(pdfRes.rawPayload.equals(pdf)).toBe(true);
    expect(await auditTargets(t, n, 'case.attachment.download')).toEqual(expect.arrayContaining([{ actor: 'assigner', target: `attachment:${jpg.id};original` }]));
  });

  it('gives a unit of the chain its derivatives and the 404 of a nonexistent case for an original', async () => {
    const shown = await attachments('liaison');
    expect(shown.every((a) => a.origin === 'derivative')).toBe(true);
    const derived = shown.find((a) => a.mediaType === 'image/jpeg')!;
    const res = await get('liaison', derived.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.rawPayload.includes(Buffer.from('EXIF-MARKER-4410'))).toBe(false);
    expect((await auditTargets(t, n, 'case.attachment.download')).at(-1)).toEqual({ actor: 'liaison', target: `attachment:${derived.id};derivative` });

    const nothing = await get('liaison', derived.id, 'SL2026-999999');
    expect(nothing.statusCode).toBe(404);
    for (const a of (await attachments('assigner')).filter((x) => x.origin === 'original')) {
      const refused = await get('liaison', a.id);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toBe(nothing.body);
    }
    // An id of another case, even one this reader may open, names nothing here.
    const elsewhere = (await attachments('liaison', other))[0]!;
    expect((await get('liaison', elsewhere.id, other)).statusCode).toBe(200);
    expect((await get('liaison', elsewhere.id)).body).toBe(nothing.body);
    expect((await get('assigner', elsewhere.id)).body).toBe((await get('assigner', elsewhere.id, 'SL2026-999999')).body);
    // A malformed id names nothing either.
    expect((await get('liaison', 'not-an-id')).body).toBe(nothing.body);
  });

  it('answers a reader out of scope with the byte-identical 404 of a nonexistent case, and records nothing', async () => {
    const id = (await attachments('liaison'))[0]!.id;
    const before = (await auditTargets(t, n, 'case.attachment.download')).length;
    for (const user of ['handler2', 'sysadmin']) {
      const outside = await get(user, id);
      const nothing = await get(user, id, 'SL2026-999999');
      expect(outside.statusCode).toBe(404);
      expect(outside.body).toBe(nothing.body);
      expect(outside.headers['content-type']).toBe(nothing.headers['content-type']);
    }
    expect(await auditTargets(t, n, 'case.attachment.download')).toHaveLength(before);
  });

  it('sends nothing when the audit record cannot be written', async () => {
    const id = (await attachments('assigner')).find((a) => a.mediaType === 'image/jpeg')!.id;
    await asSuperuser(t, async (c) => {
      await c.query(`CREATE FUNCTION zt_test_refuse_dl() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
      await c.query(`CREATE TRIGGER zt_test_refuse_dl BEFORE INSERT ON audit FOR EACH ROW WHEN (NEW.action = 'case.attachment.download') EXECUTE FUNCTION zt_test_refuse_dl()`);
    });
    try {
      const res = await get('assigner', id);
      expect([res.statusCode, res.headers['content-type'], res.json().code]).toEqual([500, 'application/problem+json; charset=utf-8', 'internal']);
      expect(res.rawPayload.includes(photo.subarray(0, 64))).toBe(false);
    } finally {
      await asSuperuser(t, async (c) => {
        await c.query('DROP TRIGGER zt_test_refuse_dl ON audit');
        await c.query('DROP FUNCTION zt_test_refuse_dl()');
      });
    }
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});

describe('the response', () => {
  it('is a sandboxed, uncached, no-sniff download with the stored type and the name in filename*', async () => {
    const a = (await attachments('assigner')).find((x) => x.mediaType === 'application/pdf')!;
    const res = await get('assigner', a.id);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(a.name).replace(/[()]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(res.headers['content-disposition']).toContain('%E6%83%85%E5%86%B5%E8%AF%B4%E6%98%8E%20%281%29.pdf');
  });

  it('is inline on request for images and audio only; any other type still downloads', async () => {
    const all = await attachments('assigner');
    const jpg = all.find((x) => x.origin === 'original' && x.mediaType === 'image/jpeg')!;
    const mp3 = all.find((x) => x.mediaType === 'audio/mpeg')!;
    const doc = all.find((x) => x.mediaType === 'application/pdf')!;
    expect((await get('assigner', jpg.id)).headers['content-disposition']).toMatch(/^attachment; /u);
    for (const a of [jpg, mp3]) {
      const res = await get('assigner', a.id, n, '?inline=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/u);
      expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const png = (await attachments('liaison')).find((x) => x.mediaType === 'image/png')!;
    expect((await get('liaison', png.id, n, '?inline=1')).headers['content-disposition']).toMatch(/^inline; /u);
    const pdfRes = await get('assigner', doc.id, n, '?inline=1');
    expect([pdfRes.statusCode, pdfRes.headers['content-disposition']]).toEqual([200, expect.stringMatching(/^attachment; /u)]);
    // Only inline=1 is a known query.
    expect((await get('assigner', jpg.id, n, '?inline=yes')).statusCode).toBe(422);
  });
});
