// Screening links the subjects a report named to officers: the accept form offers the recorded subjects by
// name (not as bare ids), and choosing one with a directory user links that record, not a new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/commands/submit-report.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
});
afterAll(async () => t.close());

interface Field { enum?: string[]; 'x-enum-labels'?: Record<string, { zh: string }>; items?: { properties?: Record<string, Field> }; properties?: Record<string, Field> }

describe('subject records on the screening forms', () => {
  it('names the recorded subjects in the accept form, and accept links the chosen record to the officer', async () => {
    const n = (await submitReport(t.deps, { type: 'complaint', anonymity: 'anonymous', content: '城关派出所一民警在窗口办证时态度粗暴。', subjects: [{ name: '韩某', policeNumber: '910302' }, { unit: '城关派出所' }] }, [], { channel: 'web' })).caseNumber;
    const detail = (await b.detail('intake', n)).json<{ subjects: { id: string; name: string | null; linkedUserId: string | null }[]; actions: { code: string; fields: Field }[] }>();
    const idField = detail.actions.find((a) => a.code === 'accept')?.fields.properties?.subjects?.items?.properties?.id;
    const [named, unnamed] = detail.subjects;
    expect(idField?.enum).toEqual([named!.id, unnamed!.id]);
    expect(idField?.['x-enum-labels']?.[named!.id]?.zh).toBe('被反映人1：韩某（警号910302）');
    expect(idField?.['x-enum-labels']?.[unnamed!.id]?.zh).toBe('被反映人2');

    await b.ok('intake', n, 'accept', {
      type: 'accusation', scope: 'misconduct', urgency: 'normal', businessRelated: false, mode: 'assign', proposal: '交督察支队', proposedUnitId: b.unit('dcd'),
      subjects: [{ id: named!.id, userId: b.user('handler') }, { id: unnamed!.id, unitId: b.unit('pcs1a') }],
    });
    const after = (await b.detail('intake', n)).json<{ subjects: { id: string; linkedUserId: string | null }[] }>();
    expect(after.subjects.map((s): [string, string | null] => [s.id, s.linkedUserId])).toEqual([[named!.id, b.user('handler')], [unnamed!.id, null]]);
  });
});
