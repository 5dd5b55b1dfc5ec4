// The sysadmin's deadline policies per case type (DESIGN §4), routing table per rank (§3.4) and duty
// roster (§1). Each PUT replaces one item; the GETs say whether the bureau or a default answers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setDeadlinePolicy, setRoutingRule } from '../../../commands/admin/configuration.js';
import { clearDutyDay, setDutyDay } from '../../../commands/admin/duty-roster.js';
import { dateIn } from '../../../commands/case-number.js';
import { addDays, daysBetween, isLocalDate, type LocalDate } from '../../../domain/calendar/local-date.js';
import { CASE_TYPE_CODES } from '../../../domain/data/taxonomy.js';
import { RANKS } from '../../../domain/roles.js';
import { ROUTES, type RoutingRule } from '../../../domain/routing.js';
import { deadlinePolicyView, routingView } from '../../../queries/admin/configuration.js';
import { dutyRoster } from '../../../queries/admin/duty-roster.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { actingUser, bilingual, bool, int, nullable, obj, okResponse, str, uuid } from '../common.js';

const policyBody = z.strictObject({
  policy: z
    .strictObject({ amount: z.number().int().min(1).max(366), unit: z.enum(['calendar', 'working']), startsAt: z.enum(['acceptance', 'receipt']), rollForwardIfHoliday: z.boolean() })
    .nullable(),
});

/** A routing rule exactly as the domain knows it; an unknown route is refused, never stored. */
const ruleBody = z
  .strictObject({ route: z.enum(ROUTES), withDisciplineInspection: z.boolean().optional() })
  .superRefine((r, ctx) => {
    if (r.route === 'city_inspection' && r.withDisciplineInspection === undefined) ctx.addIssue({ code: 'custom', path: ['withDisciplineInspection'], params: { reason: 'required' } });
    if (r.route !== 'city_inspection' && r.withDisciplineInspection !== undefined) ctx.addIssue({ code: 'custom', path: ['withDisciplineInspection'], message: 'only for city_inspection' });
  })
  .transform((r): RoutingRule => (r.route === 'city_inspection' ? { route: r.route, withDisciplineInspection: r.withDisciplineInspection ?? false } : { route: r.route }));

const dutyBody = z.strictObject({ leaderId: uuid, deputyId: uuid.nullable().optional() });
const rosterQuery = z.strictObject({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });
const MAX_ROSTER_DAYS = 93;

const policy = obj({ amount: int, unit: str, startsAt: str, rollForwardIfHoliday: bool });
const policyItem = obj({ caseType: str, label: bilingual, policy: nullable(policy), source: str });
const rule = obj({ route: str, withDisciplineInspection: bool }, ['route']);
const routingItem = obj({ rank: str, label: bilingual, rule, routeLabel: bilingual, source: str });
const person = obj({ id: str, displayName: str, unitName: str });
const rosterResponse = obj({ from: str, to: str, days: { type: 'array', items: obj({ date: str, leader: nullable(person), deputy: nullable(person) }) }, candidates: { type: 'array', items: person } });

const caseTypeParams = z.strictObject({ caseType: z.enum(CASE_TYPE_CODES) });
const rankParams = z.strictObject({ rank: z.enum(RANKS) });
// Any text reaches the handler, which answers a bad date with 422 naming it.
const dateParams = z.strictObject({ date: z.string().meta({ format: 'date' }) });

function dateField(path: string, value: string): LocalDate {
  if (!isLocalDate(value)) throw new HttpError('validation_failed', [{ path, code: 'invalid_date', message: { zh: '请填写正确的日期（YYYY-MM-DD）', en: 'Enter a valid date (YYYY-MM-DD)' } }]);
  return value;
}

export function registerAdminConfigRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/deadline-policies', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: policyItem } }) } } }, async () => ({
    items: await deadlinePolicyView(deps),
  }));

  app.put('/api/v1/admin/deadline-policies/:caseType', { config: { policy, input: { params: caseTypeParams, body: policyBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { caseType } = pathParams(request, caseTypeParams);
    const body = parseRequest(request, 'body', policyBody);
    await setDeadlinePolicy(deps, actingUser(request), caseType, body.policy);
    return { ok: true };
  });

  app.get('/api/v1/admin/routing', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: routingItem } }) } } }, async () => ({ items: await routingView(deps) }));

  app.put('/api/v1/admin/routing/:rank', { config: { policy, input: { params: rankParams, body: ruleBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { rank } = pathParams(request, rankParams);
    await setRoutingRule(deps, actingUser(request), rank, parseRequest(request, 'body', ruleBody));
    return { ok: true };
  });

  app.get('/api/v1/admin/duty-roster', { config: { policy, input: { query: rosterQuery } }, preHandler, schema: { response: { 200: rosterResponse } } }, async (request) => {
    const q = parseRequest(request, 'query', rosterQuery);
    const today = dateIn(deps.timezone, deps.clock.now()) as LocalDate;
    const from = q.from === undefined ? today : dateField('from', q.from);
    const to = q.to === undefined ? addDays(from, 30) : dateField('to', q.to);
    const span = daysBetween(from, to);
    if (span < 0 || span > MAX_ROSTER_DAYS) {
      throw new HttpError('validation_failed', [{ path: 'to', code: 'range', message: { zh: `查询范围为0至${String(MAX_ROSTER_DAYS)}天`, en: `The range is 0 to ${String(MAX_ROSTER_DAYS)} days` } }]);
    }
    return { from, to, ...(await dutyRoster(deps, from, to)) };
  });

  app.put('/api/v1/admin/duty-roster/:date', { config: { policy, input: { params: dateParams, body: dutyBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const date = dateField('date', pathParams(request, dateParams).date);
    await setDutyDay(deps, actingUser(request), date, parseRequest(request, 'body', dutyBody));
    return { ok: true };
  });

  app.delete('/api/v1/admin/duty-roster/:date', { config: { policy, input: { params: dateParams, body: null } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    await clearDutyDay(deps, actingUser(request), dateField('date', pathParams(request, dateParams).date));
    return { ok: true };
  });
}
