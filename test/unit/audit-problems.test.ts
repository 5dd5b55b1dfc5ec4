// `audit verify` writes its problems as the CLI's sentences; the chain status reads them back by kind
// (src/store/audit-problems.ts). Every kind must survive the round trip, or the console would show it raw.
import { describe, expect, it } from 'vitest';
import { chainProblemText, type ChainProblem } from '../../web/console/src/audit/chain-problems.js';
import { AUDIT_PROBLEM_KINDS, auditProblemText, readAuditProblem, type AuditProblem } from '../../src/store/audit-problems.js';

const SAMPLES: readonly AuditProblem[] = [
  { kind: 'seal_out_of_order', seal: '12' },
  { kind: 'seal_records_missing', seal: '3', covered: 40, remaining: 39, record: '118' },
  { kind: 'seal_records_missing', seal: '3', covered: 40, remaining: 0, record: 'none' },
  { kind: 'record_altered', record: '1024', seal: '7' },
  { kind: 'anchor_missing' },
  { kind: 'anchored_seal_missing', seal: '9', anchoredAt: '2026-11-29T16:00:00.000Z' },
  { kind: 'seal_differs_from_anchor', seal: '9', anchoredAt: '2026-11-29T16:00:00.000Z' },
  { kind: 'case_unaudited', caseRef: 'SL2026-000123' },
  { kind: 'case_replayed', caseRef: 'SL2026-000123' },
  { kind: 'case_changed', caseRef: 'SL2026-1000000' },
  { kind: 'case_row_gone', caseRef: '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b' },
  { kind: 'more', count: 17 },
];

describe('audit problems', () => {
  it('reads back every sentence it writes, naming the same record, seal and case', () => {
    for (const p of SAMPLES) expect(readAuditProblem(auditProblemText(p))).toEqual(p);
    const covered = new Set(SAMPLES.map((p) => p.kind));
    expect(AUDIT_PROBLEM_KINDS.filter((k) => k !== 'other' && !covered.has(k))).toEqual([]);
  });

  it('keeps the CLI’s sentences as operators know them', () => {
    expect(auditProblemText({ kind: 'record_altered', record: '5', seal: '2' })).toBe('audit record 5 was altered (seal 2 no longer matches)');
    expect(auditProblemText({ kind: 'case_changed', caseRef: 'SL2026-000001' })).toMatch(/^case SL2026-000001 was changed outside Zhitong \(it or one of its parts — reporter, .* no longer matches its last audit record\)$/u);
  });

  it('leaves a sentence it does not know as other', () => {
    expect(readAuditProblem('audit seal 4 was eaten by a grue')).toEqual({ kind: 'other' });
    expect(readAuditProblem('audit record 5 was altered (seal 2 no longer matches) and more')).toEqual({ kind: 'other' });
  });

  it('is worded in the console by kind, in Chinese and English, naming the record, seal or case', () => {
    const none = { record: null, seal: null, caseRef: null, anchoredAt: null, covered: null, remaining: null, count: null };
    const time = (iso: string): string => `<${iso}>`;
    for (const p of SAMPLES) {
      const api: ChainProblem = { ...none, ...p, text: auditProblemText(p) };
      const words = chainProblemText(api, time);
      expect([p.kind, /\p{Script=Han}/u.test(words.zh), words.en === api.text]).toEqual([p.kind, true, false]);
      for (const named of [api.record, api.seal, api.caseRef]) if (named !== null && named !== 'none') expect(words.zh).toContain(named);
      if (api.anchoredAt !== null) expect(words.zh).toContain(`<${api.anchoredAt}>`);
    }
    const altered: ChainProblem = { ...none, kind: 'record_altered', record: '42', seal: '3', text: '' };
    expect(chainProblemText(altered, time).zh).toBe('记录被篡改：审计记录 #42 已被修改（与封存 #3 不符）');
    expect(chainProblemText({ ...none, kind: 'case_changed', caseRef: 'SL2026-000007', text: '' }, time).zh).toMatch(/^案件摘要不符：案件 SL2026-000007 /u);
    // A newer server's kind arrives as JSON this console has no type for.
    const unknown = { ...none, ...(JSON.parse('{"kind": "seal_eaten", "text": "audit seal 4 was eaten"}') as Pick<ChainProblem, 'kind' | 'text'>) };
    expect(chainProblemText(unknown, time)).toEqual({ zh: 'audit seal 4 was eaten', en: 'audit seal 4 was eaten' });
  });
});
