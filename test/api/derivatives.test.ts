// Units work from derivatives (DESIGN §3.4): made by a job once a case goes to a unit, without metadata,
// PDFs as page images; the centre keeps the originals; the digest covers the new rows.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { verifyAudit } from '../../src/store/audit-verify.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { minimalPdf } from '../helpers/files.js';
import { createTestRunner } from '../helpers/job-runner.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

describe('derivatives for units', () => {
  it('are made after assignment; the unit sees only them, the centre sees both', async () => {
    const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } }).jpeg().withExif({ IFD0: { Copyright: 'EXIF-MARKER-7731' } }).toBuffer();
    expect(photo.includes(Buffer.from('EXIF-MARKER-7731'))).toBe(true);
    const files = [
      { name: '现场照片.jpg', mediaType: 'image/jpeg', bytes: photo },
      { name: '情况说明.pdf', mediaType: 'application/pdf', bytes: minimalPdf(['page one', 'page two']) },
      { name: '录音.mp3', mediaType: 'audio/mpeg', bytes: Buffer.from('ID3fake-audio') },
    ];
    const n = (await submitReport(t.deps, { type: 'complaint', anonymity: 'anonymous', subjects: [], content: '城关派出所门口违停车辆长期无人管理，附照片和说明。' }, files, { channel: 'web' })).caseNumber;
    await b.ok('intake', n, 'accept', { type: 'complaint', scope: 'opinion', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交城关派出所', proposedUnitId: b.unit('pcs1a') });
    await b.ok('duty_leader', n, 'instruct', { decision: 'approve', text: '同意', mode: 'assign', unitId: b.unit('pcs1a') });
    const runner = createTestRunner(t);
    await runner.runNow('outbox.relay');
    await runner.runNow('outbox.relay');

    const unitView = (await b.detail('liaison', n)).json<{ attachments: { id: string; name: string; mediaType: string; origin: string }[] }>();
    expect(unitView.attachments.map((a) => [a.origin, a.mediaType, a.name]).sort()).toEqual([
      ['derivative', 'image/jpeg', '现场照片.jpg'],
      ['derivative', 'image/png', '情况说明-第1页.png'],
      ['derivative', 'image/png', '情况说明-第2页.png'],
    ]);
    const centreView = (await b.detail('assigner', n)).json<{ attachments: { origin: string }[] }>();
    expect(centreView.attachments.filter((a) => a.origin === 'original')).toHaveLength(3);

    const derived = await t.deps.pool.query<{ id: string; storage_key: string }>(`SELECT id, storage_key FROM attachments WHERE origin = 'derivative' AND media_type = 'image/jpeg'`);
    const plain = t.deps.files.decryptBuffer(derived.rows[0]!.id, await t.deps.attachments.get(derived.rows[0]!.storage_key));
    expect(plain.includes(Buffer.from('EXIF-MARKER-7731'))).toBe(false);
    expect((await verifyAudit(t.deps.pool, t.deps.ring, [])).problems).toEqual([]);
  });
});
