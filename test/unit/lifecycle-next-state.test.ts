// Targets that depend on the form or the case (DESIGN §3.2 "by mode", "by outcome"), written out by hand.
import { describe, expect, it } from 'vitest';
import {
  firstReviewStage,
  nextStateForAccept,
  nextStateForConfirm,
  nextStateForInstruct,
  nextStateForReopen,
  nextStateForReturn,
  nextStateForReview,
} from '../../src/domain/next-state.js';

describe('accept', () => {
  it('routes each handling mode', () => {
    expect(nextStateForAccept('direct')).toBe('direct_handling');
    expect(nextStateForAccept('assign')).toBe('awaiting_instruction');
    expect(nextStateForAccept('for_information')).toBe('awaiting_instruction');
    expect(nextStateForAccept('keep_on_file')).toBe('closed');
    expect(nextStateForAccept('transfer')).toBe('transferred_out');
    expect(nextStateForAccept('refer')).toBe('transferred_out');
    expect(nextStateForAccept('report_up')).toBe('transferred_out');
  });
});

describe('instruct', () => {
  it('assigns at once with a unit, waits for the assigner without, closes information items', () => {
    expect(nextStateForInstruct({ mode: 'assign', unitId: 'fj1dc' })).toBe('assigned');
    expect(nextStateForInstruct({ mode: 'assign', unitId: null })).toBe('ready_to_assign');
    expect(nextStateForInstruct({ mode: 'for_information', unitId: 'zzb' })).toBe('closed');
  });
});

describe('review', () => {
  it('walks back up a two-level chain, then the centre, then approves', () => {
    const chain = [
      { unitId: 'fj1', coUnitIds: [], granted: true },
      { unitId: 'pcs1a', coUnitIds: [], granted: true },
    ];
    const first = firstReviewStage(chain);
    expect(first).toEqual({ at: 'unit', level: 1 });
    const second = nextStateForReview(first, 'approve');
    expect(second).toEqual({ state: 'under_review', review: { at: 'unit', level: 0 } });
    const third = nextStateForReview({ at: 'unit', level: 0 }, 'approve');
    expect(third).toEqual({ state: 'under_review', review: { at: 'centre' } });
    expect(nextStateForReview({ at: 'centre' }, 'approve')).toEqual({ state: 'under_review', review: { at: 'approved' } });
  });

  it('sends back to handling from any level', () => {
    expect(nextStateForReview({ at: 'unit', level: 1 }, 'send_back')).toEqual({ state: 'in_progress', review: null });
    expect(nextStateForReview({ at: 'centre' }, 'send_back')).toEqual({ state: 'in_progress', review: null });
  });

  it('starts at the centre when no unit handled the case, and skips returned levels', () => {
    expect(firstReviewStage([])).toEqual({ at: 'centre' });
    expect(firstReviewStage([{ unitId: 'fj1', coUnitIds: [], granted: true }, { unitId: 'pcs1b', coUnitIds: [], granted: false }])).toEqual({ at: 'unit', level: 0 });
  });
});

describe('returns, reopening and confirmations', () => {
  it('returns to the level above, or to the centre at the top; a rejection changes nothing', () => {
    expect(nextStateForReturn('approve', 1)).toBe('in_progress');
    expect(nextStateForReturn('approve', 0)).toBe('ready_to_assign');
    expect(nextStateForReturn('reject', 1)).toBe('same');
  });

  it('reopens to the lead unit, or to the centre for a directly handled case', () => {
    expect(nextStateForReopen(true)).toBe('assigned');
    expect(nextStateForReopen(false)).toBe('direct_handling');
  });

  it('applies what the confirmed request asked for', () => {
    expect(nextStateForConfirm({ kind: 'keep_on_file', acceptMode: 'keep_on_file' })).toBe('closed');
    expect(nextStateForConfirm({ kind: 'report_up', acceptMode: 'report_up' })).toBe('transferred_out');
    expect(nextStateForConfirm({ kind: 'not_identifiable', acceptMode: 'assign' })).toBe('awaiting_instruction');
    expect(nextStateForConfirm({ kind: 'not_accept' })).toBe('not_accepted');
    expect(nextStateForConfirm({ kind: 'merge' })).toBe('merged');
    expect(nextStateForConfirm({ kind: 'reopen', hasLeadUnit: true })).toBe('assigned');
    expect(nextStateForConfirm({ kind: 'extension' })).toBe('same');
    expect(nextStateForConfirm({ kind: 'reclassify' })).toBe('same');
  });
});
