// The sysadmin's configuration (DESIGN §1, §2, §3.4, §4): units, dictionaries, deadline policies, the
// routing table, the business calendar, working hours and the duty roster — validated, audited, and
// read back by the commands that use them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, loadDeadlinePolicies, loadRouting, loadWorkingHours } from '../../src/store/reference-data.js';
import { expectProblem, type Browser } from '../helpers/browser.js';
import { Bureau } from '../helpers/demo-bureau.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let b: Bureau;
let sys: Browser;
beforeAll(async () => {
  t = await createTestApp({ ZHITONG_REQUIRE_2FA: 'off' });
  b = await Bureau.load(t);
  sys = await b.as('sysadmin');
});
afterAll(async () => t.close());

async function adminAudit(action: string): Promise<{ actor: string | null; target: string | null }[]> {
  const r = await t.deps.pool.query<{ actor_user_id: string | null; target: string | null }>('SELECT actor_user_id, target FROM audit WHERE action = $1 ORDER BY seq', [action]);
  return r.rows.map((row) => ({ actor: row.actor_user_id, target: row.target }));
}

describe('units', () => {
  it('creates, renames and moves a unit, refusing cycles and moving the root', async () => {
    const created = await sys.send('POST', '/api/v1/admin/units', { code: 'pcs1c', name: '东城分局城北派出所', parentId: b.unit('fj1'), kind: 'station' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await sys.send('PATCH', `/api/v1/admin/units/${id}`, { name: '东城分局城北派出所（新）', inspection: false })).statusCode).toBe(200);
    expect((await sys.send('PATCH', `/api/v1/admin/units/${id}`, { parentId: b.unit('xj1') })).statusCode).toBe(200);
    const listed = (await sys.send('GET', '/api/v1/admin/units')).json<{ items: { id: string; name: string; parentId: string | null }[] }>().items.find((u) => u.id === id);
    expect(listed).toMatchObject({ name: '东城分局城北派出所（新）', parentId: b.unit('xj1') });
    const cycle = await sys.send('PATCH', `/api/v1/admin/units/${b.unit('fj1')}`, { parentId: b.unit('pcs1a') });
    expect([cycle.statusCode, cycle.json().errors[0].code]).toEqual([422, 'cycle']);
    expect((await sys.send('PATCH', `/api/v1/admin/units/${b.unit('sj')}`, { parentId: b.unit('fj1') })).json().errors[0].code).toBe('root');
    expectProblem(await sys.send('POST', '/api/v1/admin/units', { code: 'pcs1c', name: '重复', parentId: b.unit('fj1'), kind: 'station' }), 409, 'conflict');
    expect(await adminAudit('admin.unit_updated')).toEqual([{ actor: b.user('sysadmin'), target: `unit:${id}` }, { actor: b.user('sysadmin'), target: `unit:${id}` }]);
  });

  it('never deletes a unit that has users or cases; an unused one goes', async () => {
    const inUse = await sys.send('DELETE', `/api/v1/admin/units/${b.unit('pcs1a')}`);
    expect([inUse.statusCode, inUse.json().errors[0].code]).toEqual([409, 'in_use']);
    const spare = (await sys.send('POST', '/api/v1/admin/units', { code: 'spare', name: '临时单位', parentId: b.unit('sj'), kind: 'department' })).json<{ id: string }>().id;
    expect((await sys.send('DELETE', `/api/v1/admin/units/${spare}`)).statusCode).toBe(200);
    expect((await t.deps.pool.query('SELECT 1 FROM units WHERE id = $1', [spare])).rowCount).toBe(0);
  });

  it('takes names as plain text only', async () => {
    const res = await sys.send('POST', '/api/v1/admin/units', { code: 'bad1', name: '派出所\u0007', parentId: b.unit('sj'), kind: 'station' });
    expect([res.statusCode, res.json().errors[0].code]).toEqual([422, 'invalid_characters']);
  });
});

describe('dictionaries', () => {
  it('answers from the reviewed file until the first edit copies it into the table', async () => {
    const before = (await sys.send('GET', '/api/v1/admin/dictionaries/police_branch')).json();
    expect(before).toMatchObject({ source: 'defaults', levels: 1 });
    expect(before.entries.map((e: { code: string }) => e.code)).toContain('household');
    expect((await sys.send('POST', '/api/v1/admin/dictionaries/problem_type/entries', { code: 'passive_waiting', parentCode: 'inaction', name: { zh: '消极等待', en: 'Passive waiting' } })).statusCode).toBe(201);
    const after = (await sys.send('GET', '/api/v1/admin/dictionaries/problem_type')).json<{ source: string; entries: { code: string; parentCode: string | null; active: boolean }[] }>();
    expect(after.source).toBe('table');
    expect(after.entries.map((e) => e.code)).toEqual(expect.arrayContaining(['unfair_enforcement', 'inaction', 'slow_action', 'passive_waiting']));
    // Switching a first-level entry off takes its children with it; nothing is deleted.
    expect((await sys.send('PATCH', '/api/v1/admin/dictionaries/problem_type/entries/inaction', { active: false })).statusCode).toBe(200);
    const off = (await sys.send('GET', '/api/v1/admin/dictionaries/problem_type')).json<{ entries: { code: string; parentCode: string | null; active: boolean }[] }>();
    expect(off.entries.filter((e) => e.code === 'inaction' || e.parentCode === 'inaction').every((e) => !e.active)).toBe(true);
    expect(off.entries.find((e) => e.code === 'rude_conduct')?.active).toBe(true);
  });

  it('refuses unknown dictionaries, second levels where there are none, and control characters', async () => {
    expectProblem(await sys.send('GET', '/api/v1/admin/dictionaries/colours'), 404, 'not_found');
    expect((await sys.send('POST', '/api/v1/admin/dictionaries/police_branch/entries', { code: 'sub_branch', parentCode: 'traffic', name: { zh: '车管', en: 'Vehicles' } })).json().errors[0].code).toBe('single_level');
    const ctl = await sys.send('POST', '/api/v1/admin/dictionaries/police_branch/entries', { code: 'special', name: { zh: '特警\u001b[31m', en: 'Special' } });
    expect([ctl.statusCode, ctl.json().errors[0].code]).toEqual([422, 'invalid_characters']);
  });
});

describe('deadline policies and routing', () => {
  it('sets a policy per case type, or none, and refuses impossible day counts', async () => {
    expect((await sys.send('PUT', '/api/v1/admin/deadline-policies/complaint', { policy: { amount: 15, unit: 'working', startsAt: 'acceptance', rollForwardIfHoliday: true } })).statusCode).toBe(200);
    expect((await sys.send('PUT', '/api/v1/admin/deadline-policies/suggestion', { policy: null })).statusCode).toBe(200);
    expectProblem(await sys.send('PUT', '/api/v1/admin/deadline-policies/complaint', { policy: { amount: 0, unit: 'working', startsAt: 'acceptance', rollForwardIfHoliday: true } }), 422, 'validation_failed');
    const policies = await loadDeadlinePolicies(t.deps.pool);
    expect([policies.complaint, policies.suggestion, policies.accusation?.amount]).toEqual([{ amount: 15, unit: 'working', startsAt: 'acceptance', rollForwardIfHoliday: true }, null, 30]);
    const view = (await sys.send('GET', '/api/v1/admin/deadline-policies')).json<{ items: { caseType: string; source: string }[] }>().items;
    expect(view.find((p) => p.caseType === 'complaint')?.source).toBe('table');
    expect(view.find((p) => p.caseType === 'accusation')?.source).toBe('default');
  });

  it('stores a routing rule the domain knows and refuses an unknown route', async () => {
    expect((await sys.send('PUT', '/api/v1/admin/routing/unit_leader', { route: 'city_inspection', withDisciplineInspection: true })).statusCode).toBe(200);
    const unknown = await sys.send('PUT', '/api/v1/admin/routing/officer', { route: 'teleport' });
    expect([unknown.statusCode, unknown.json().errors[0]]).toEqual([422, expect.objectContaining({ path: 'route', code: 'invalid_choice' })]);
    expectProblem(await sys.send('PUT', '/api/v1/admin/routing/officer', { route: 'city_inspection' }), 422, 'validation_failed');
    expectProblem(await sys.send('PUT', '/api/v1/admin/routing/officer', { route: 'report_up', sealed: false }), 422, 'validation_failed');
    expectProblem(await sys.send('PUT', '/api/v1/admin/routing/general', { route: 'report_up' }), 404, 'not_found');
    const routing = await loadRouting(t.deps.pool);
    expect([routing.unit_leader, routing.officer]).toEqual([{ route: 'city_inspection', withDisciplineInspection: true }, { route: 'branch_inspection' }]);
  });
});

describe('business calendar and working hours', () => {
  const notice2027 = {
    status: 'published',
    holidays: [
      { code: 'new_year', name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] },
      { code: 'spring_festival', name: '春节', dates: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'] },
      { code: 'national_day', name: '国庆节', dates: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'] },
    ],
    makeupWorkdays: ['2027-02-20', '2027-09-26'],
  };

  it('lists published and provisional years', async () => {
    const years = (await sys.send('GET', '/api/v1/admin/calendar')).json<{ items: { year: number; status: string; source: string }[] }>().items;
    expect(years).toEqual(expect.arrayContaining([
      expect.objectContaining({ year: 2025, status: 'published', source: 'file' }),
      expect.objectContaining({ year: 2026, status: 'published', source: 'file' }),
      expect.objectContaining({ year: 2027, status: 'provisional', source: 'rule' }),
    ]));
  });

  it('refuses a make-up working day on a weekday with 422, storing nothing', async () => {
    const res = await sys.send('PUT', '/api/v1/admin/calendar/2027', { ...notice2027, makeupWorkdays: ['2027-10-11'] });
    expectProblem(res, 422, 'validation_failed');
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'makeupWorkdays.0', code: 'not_weekend' })]);
    expect((await t.deps.pool.query('SELECT 1 FROM calendar_years WHERE year = 2027')).rowCount).toBe(0);
    expect((await sys.send('PUT', '/api/v1/admin/calendar/2027', { ...notice2027, makeupWorkdays: ['2029-01-06'] })).json().errors[0].code).toBe('outside_year');
    expect((await sys.send('PUT', '/api/v1/admin/calendar/2027', { ...notice2027, year: 2028 })).json().errors[0].code).toBe('year_mismatch');
  });

  it('takes a year’s notice, which the calendar then uses as published', async () => {
    expect((await sys.send('PUT', '/api/v1/admin/calendar/2027', notice2027)).statusCode).toBe(200);
    const calendar = await loadCalendar(t.deps.pool);
    expect([calendar.isWorkingDay('2027-09-26' as never), calendar.isWorkingDay('2027-10-05' as never), calendar.isProvisional('2027-03-01' as never)]).toEqual([true, false, false]);
    const year = (await sys.send('GET', '/api/v1/admin/calendar/2027')).json();
    expect(year).toMatchObject({ year: 2027, status: 'published', source: 'table', makeupWorkdays: ['2027-02-20', '2027-09-26'] });
    expect(await adminAudit('admin.calendar_year_set')).toEqual([{ actor: b.user('sysadmin'), target: 'calendar:2027' }]);
  });

  it('sets working hours per weekday and refuses periods that end before they start', async () => {
    const office = [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:00' }];
    const hours = { sun: [], mon: office, tue: office, wed: office, thu: office, fri: office, sat: [] };
    expect((await sys.send('PUT', '/api/v1/admin/working-hours', hours)).statusCode).toBe(200);
    expect(await loadWorkingHours(t.deps.pool)).toEqual(hours);
    expect((await sys.send('GET', '/api/v1/admin/working-hours')).json()).toEqual({ hours, source: 'table' });
    const bad = await sys.send('PUT', '/api/v1/admin/working-hours', { ...hours, mon: [{ start: '17:00', end: '09:00' }] });
    expect([bad.statusCode, bad.json().errors[0]]).toEqual([422, expect.objectContaining({ path: 'mon.0', code: 'hours_order' })]);
  });
});

describe('duty roster', () => {
  it('names only users holding duty_leader', async () => {
    const refused = await sys.send('PUT', '/api/v1/admin/duty-roster/2026-03-05', { leaderId: b.user('intake') });
    expect([refused.statusCode, refused.json().errors[0]]).toEqual([422, expect.objectContaining({ path: 'leaderId', code: 'not_duty_leader' })]);
    expect((await sys.send('PUT', '/api/v1/admin/duty-roster/2026-03-05', { leaderId: b.user('duty_leader'), deputyId: b.user('bureau_leader') })).json().errors[0].code).toBe('not_duty_leader');
    expect((await sys.send('PUT', '/api/v1/admin/duty-roster/2026-03-05', { leaderId: b.user('duty_leader') })).statusCode).toBe(200);
    const roster = (await sys.send('GET', '/api/v1/admin/duty-roster?from=2026-03-01&to=2026-03-31')).json();
    expect(roster.days).toEqual([{ date: '2026-03-05', leader: expect.objectContaining({ id: b.user('duty_leader') }), deputy: null }]);
    expect(roster.candidates.map((c: { id: string }) => c.id)).toEqual([b.user('duty_leader')]);
    expect((await sys.send('DELETE', '/api/v1/admin/duty-roster/2026-03-05')).statusCode).toBe(200);
    expectProblem(await sys.send('PUT', '/api/v1/admin/duty-roster/2026-02-30', { leaderId: b.user('duty_leader') }), 422, 'validation_failed');
  });
});

describe('who may configure', () => {
  it('the auditor and the secadmin cannot change configuration', async () => {
    for (const who of ['auditor', 'secadmin']) {
      const browser = await b.as(who);
      expectProblem(await browser.send('PUT', '/api/v1/admin/working-hours', { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] }), 403, 'forbidden');
      expectProblem(await browser.send('POST', '/api/v1/admin/units', { code: 'x1', name: '某单位', parentId: b.unit('sj'), kind: 'station' }), 403, 'forbidden');
    }
    expect((await t.deps.pool.query(`SELECT 1 FROM units WHERE code = 'x1'`)).rowCount).toBe(0);
  });
});
