// The administrators' pure rules (DESIGN §1, §4, §7.3): grants, second approvers, reset confirmers,
// unit moves, working hours and the dictionaries' defaults.
import { describe, expect, it } from 'vitest';
import { accountRefusal, approvalRefusal, decideGrant, moveRefusal, resetConfirmers } from '../../src/domain/admin-rules.js';
import { BusinessCalendar } from '../../src/domain/calendar/business-calendar.js';
import type { LocalDate } from '../../src/domain/calendar/local-date.js';
import { defaultEntries } from '../../src/domain/dictionaries.js';
import { buildUnitTree, type UnitNode } from '../../src/domain/units.js';
import { checkWorkingHours, DEFAULT_WORKING_HOURS, parseWorkingHours, withinWorkingHours } from '../../src/domain/working-hours.js';

const d = (s: string) => s as LocalDate;

describe('grants', () => {
  it('refuses oneself first, then admin roles, held roles and mixing; central roles wait for a second approver', () => {
    expect(decideGrant({ actorId: 'a', targetId: 'a', role: 'handler', held: [] })).toEqual({ kind: 'refused', reason: 'self' });
    expect(decideGrant({ actorId: 'a', targetId: 'b', role: 'auditor', held: [] })).toEqual({ kind: 'refused', reason: 'admin_role' });
    expect(decideGrant({ actorId: 'a', targetId: 'b', role: 'handler', held: ['handler'] })).toEqual({ kind: 'refused', reason: 'already_held' });
    expect(decideGrant({ actorId: 'a', targetId: 'b', role: 'handler', held: ['sysadmin'] })).toEqual({ kind: 'refused', reason: 'not_separated' });
    expect(decideGrant({ actorId: 'a', targetId: 'b', role: 'liaison', held: ['handler'] })).toEqual({ kind: 'immediate' });
    for (const role of ['intake', 'assigner', 'duty_leader', 'supervision_head', 'bureau_leader', 'followup'] as const) {
      expect(decideGrant({ actorId: 'a', targetId: 'b', role, held: [] })).toEqual({ kind: 'needs_second_approver' });
    }
  });

  it('the second approver is neither the requester nor the grantee', () => {
    expect(approvalRefusal({ approverId: 'a', requesterId: 'a', targetId: 'b' })).toBe('requester');
    expect(approvalRefusal({ approverId: 'b', requesterId: 'a', targetId: 'b' })).toBe('grantee');
    expect(approvalRefusal({ approverId: 'c', requesterId: 'a', targetId: 'b' })).toBeNull();
  });

  it('leaves administrator accounts to the CLI', () => {
    expect(accountRefusal('a', { id: 'a', roles: [] })).toBe('self');
    expect(accountRefusal('a', { id: 'b', roles: ['auditor'] })).toBe('admin_account');
    expect(accountRefusal('a', { id: 'b', roles: ['handler'] })).toBeNull();
  });
});

describe('the unit tree', () => {
  const nodes: UnitNode[] = [
    { id: 'city', parentId: null, kind: 'city', inspection: false },
    { id: 'branch', parentId: 'city', kind: 'branch', inspection: false },
    { id: 'station', parentId: 'branch', kind: 'station', inspection: false },
    { id: 'other', parentId: 'city', kind: 'county', inspection: false },
  ];

  it('finds the nearest heads at or above the unit, never the user or the requester', () => {
    const tree = buildUnitTree(nodes, { station: ['head1'], branch: ['head2'], city: ['leader'] });
    expect(resetConfirmers(tree, 'station', ['user', 'secadmin'])).toEqual(['head1']);
    // The station head's own reset goes to the branch.
    expect(resetConfirmers(tree, 'station', ['head1', 'secadmin'])).toEqual(['head2']);
    expect(resetConfirmers(tree, 'other', ['user'])).toEqual(['leader']);
    expect(resetConfirmers(buildUnitTree(nodes, {}), 'station', [])).toEqual([]);
  });

  it('moves a unit anywhere but under itself; the root stays', () => {
    const tree = buildUnitTree(nodes, {});
    expect(moveRefusal(tree, 'branch', 'station')).toBe('cycle');
    expect(moveRefusal(tree, 'branch', 'branch')).toBe('cycle');
    expect(moveRefusal(tree, 'city', 'other')).toBe('root');
    expect(moveRefusal(tree, 'station', 'nowhere')).toBe('unknown_parent');
    expect(moveRefusal(tree, 'station', 'other')).toBeNull();
  });
});

describe('working hours', () => {
  const calendar = BusinessCalendar.fromData();

  it('counts only working days of the calendar, and make-up weekend days by their own entry', () => {
    // 2026-03-02 is a Monday; 2026-10-01 is 国庆节; 2026-01-04 a make-up Sunday.
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-03-02'), '09:00')).toBe(true);
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-03-02'), '12:30')).toBe(false);
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-03-02'), '17:30')).toBe(false);
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-10-01'), '09:00')).toBe(false);
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-03-07'), '09:00')).toBe(false);
    expect(withinWorkingHours(calendar, DEFAULT_WORKING_HOURS, d('2026-01-04'), '09:00')).toBe(calendar.isWorkingDay(d('2026-01-04')));
  });

  it('refuses malformed, reversed, overlapping and too many periods; parses only what it accepts', () => {
    const day = (periods: { start: string; end: string }[]) => ({ ...DEFAULT_WORKING_HOURS, mon: periods });
    expect(checkWorkingHours(DEFAULT_WORKING_HOURS)).toEqual([]);
    expect(checkWorkingHours(day([{ start: '9:00', end: '12:00' }]))[0]?.reason).toBe('format');
    expect(checkWorkingHours(day([{ start: '12:00', end: '09:00' }]))[0]?.reason).toBe('order');
    expect(checkWorkingHours(day([{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }]))[0]?.reason).toBe('overlap');
    expect(checkWorkingHours(day(Array.from({ length: 5 }, (_, i) => ({ start: `0${String(i)}:00`, end: `0${String(i)}:30` }))))[0]?.reason).toBe('too_many');
    expect(checkWorkingHours(day([{ start: '20:00', end: '24:00' }]))).toEqual([]);
    expect(parseWorkingHours(DEFAULT_WORKING_HOURS)).toEqual(DEFAULT_WORKING_HOURS);
    expect(parseWorkingHours({ mon: [] })).toBeNull();
    expect(parseWorkingHours(day([{ start: '12:00', end: '09:00' }]))).toBeNull();
  });
});

describe('dictionary defaults', () => {
  it('come from the reviewed files, parents before children, codes unique', () => {
    const problems = defaultEntries('problem_type');
    const codes = problems.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of problems) if (e.parentCode !== null) expect(codes.indexOf(e.parentCode)).toBeLessThan(codes.indexOf(e.code));
    expect(problems.find((e) => e.code === 'inaction')?.name.zh).toBe('不作为/慢作为/乱作为');
    expect(defaultEntries('police_branch').every((e) => e.parentCode === null)).toBe(true);
  });
});
