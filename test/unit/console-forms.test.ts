// The console's generated action forms (web/console/src/actions/form-values.ts): which control a field
// gets, which fields are required with the values typed so far, and the body the API receives.
import { describe, expect, it } from 'vitest';
import { fieldKind, namePathOf, requiredNow, toBody } from '../../web/console/src/actions/form-values.js';
import { HANDLING_FORMS } from '../../src/domain/forms/handling-forms.js';
import { codes, dateTime, flag, form, id, list, text, when } from '../../src/domain/forms/schema.js';

const label = { zh: '字段', en: 'Field' };

describe('generated action forms', () => {
  it('picks a control per schema: units only where the server narrowed ids to an enum', () => {
    expect(fieldKind('leadUnitId', codes(label, ['u1', 'u2']))).toBe('unit');
    expect(fieldKind('coUnitIds', list(label, codes(label, ['u1']), 5))).toBe('units');
    expect(fieldKind('decisionId', codes(label, ['d1']))).toBe('select');
    expect(fieldKind('unitId', id(label))).toBe('id');
    expect(fieldKind('handleMyself', flag(label))).toBe('boolean');
    expect(fieldKind('contactedAt', dateTime(label))).toBe('datetime');
    expect(fieldKind('reason', text(label, 1_000))).toBe('textarea');
    expect(fieldKind('name', text(label, 64))).toBe('text');
    expect(fieldKind('discipline', list(label, form({ outcome: text(label, 10) }), 3))).toBe('list');
  });

  it('adds the fields an if/then rule requires once its condition holds', () => {
    const review = HANDLING_FORMS.review;
    expect([...requiredNow(review, {})]).toEqual(['decision']);
    expect([...requiredNow(review, { decision: 'approve' })]).toEqual(['decision']);
    expect([...requiredNow(review, { decision: 'send_back' })].sort()).toEqual(['decision', 'opinion']);
    const byFlag = form({ a: flag(label), b: text(label) }, [], [when('a', [true], ['b'])]);
    expect(requiredNow(byFlag, { a: true }).has('b')).toBe(true);
    expect(requiredNow(byFlag, { a: false }).has('b')).toBe(false);
  });

  it('sends only the schema’s fields, leaves empty ones out, and writes dates as the API reads them', () => {
    const schema = form({ contactedAt: dateTime(label), day: { type: 'string', format: 'date' }, note: text(label), tags: list(label, codes(label, ['x']), 3), handleMyself: flag(label) });
    const when = { format: (f: string) => (f === 'YYYY-MM-DD' ? '2026-03-02' : '?'), toISOString: () => '2026-03-02T02:00:00.000Z' };
    expect(toBody(schema, { contactedAt: when, day: when, note: '  ', tags: [], handleMyself: false, stray: 'x' })).toEqual({ contactedAt: '2026-03-02T02:00:00.000Z', day: '2026-03-02', handleMyself: false });
  });

  it('turns the API’s field paths into form name paths', () => {
    expect(namePathOf('discipline.0.outcome')).toEqual(['discipline', 0, 'outcome']);
    expect(namePathOf('opinion')).toEqual(['opinion']);
  });
});
