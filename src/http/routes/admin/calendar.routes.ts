// The business calendar and working hours (DESIGN §4), kept by the sysadmin: list years with their
// status, read one, enter a year's State Council notice; read and set working hours per weekday.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { setCalendarYear } from '../../../commands/admin/calendar.js';
import { setWorkingHours } from '../../../commands/admin/configuration.js';
import { FESTIVAL_CODES, YEAR_STATUSES } from '../../../domain/calendar/year-calendar.js';
import { MAX_PERIODS_PER_DAY, WEEKDAYS, type Weekday, type WorkingHours } from '../../../domain/working-hours.js';
import { calendarYear, calendarYears } from '../../../queries/admin/configuration.js';
import { loadWorkingHours, WORKING_HOURS_KEY } from '../../../store/reference-data.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { roleGuard } from '../../plugins/staff-session.js';
import { parseRequest, pathParams } from '../../route-input.js';
import { text } from '../../validation.js';
import { actingUser, int, nullableStr, obj, okResponse, str, strings } from '../common.js';

const date = z.string().max(10);
// The longest break of a notice is about nine days; generous bounds still keep a body small.
const yearBody = z.strictObject({
  year: z.number().int().optional(),
  status: z.enum(YEAR_STATUSES).default('published'),
  holidays: z.array(z.strictObject({ code: z.enum(FESTIVAL_CODES), name: text(1, 20), dates: z.array(date).min(1).max(20) })).max(14),
  makeupWorkdays: z.array(date).max(20),
});

const period = z.strictObject({ start: z.string().max(5), end: z.string().max(5) });
const hoursBody = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(period).max(MAX_PERIODS_PER_DAY)])) as Record<Weekday, z.ZodArray<typeof period>>);

const yearItem = obj({ year: int, status: str, source: str, holidayDays: int, makeupWorkdays: int, updatedAt: nullableStr });
const yearResponse = obj({ year: int, status: str, source: str, holidays: { type: 'array', items: obj({ code: str, name: str, dates: strings }) }, makeupWorkdays: strings });
const periods = { type: 'array', items: obj({ start: str, end: str }) } as const;
const hoursSchema = obj(Object.fromEntries(WEEKDAYS.map((d) => [d, periods])) as Record<Weekday, typeof periods>);

const yearParams = z.strictObject({ year: z.string().regex(/^[0-9]{4}$/u).transform(Number) });

export function registerAdminCalendarRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'sysadmin');

  app.get('/api/v1/admin/calendar', { config: { policy }, preHandler, schema: { response: { 200: obj({ items: { type: 'array', items: yearItem } }) } } }, async () => ({
    items: await calendarYears(deps),
  }));

  app.get('/api/v1/admin/calendar/:year', { config: { policy, input: { params: yearParams } }, preHandler, schema: { response: { 200: yearResponse } } }, async (request) => {
    const found = await calendarYear(deps, pathParams(request, yearParams).year);
    if (found === null) throw new HttpError('not_found');
    const { definition: d, source } = found;
    return { year: d.year, status: d.status, source, holidays: d.holidays, makeupWorkdays: d.makeupWorkdays };
  });

  app.put('/api/v1/admin/calendar/:year', { config: { policy, input: { params: yearParams, body: yearBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const { year } = pathParams(request, yearParams);
    const body = parseRequest(request, 'body', yearBody);
    if (body.year !== undefined && body.year !== year) {
      throw new HttpError('validation_failed', [{ path: 'year', code: 'year_mismatch', message: { zh: '年份与地址中的年份不一致', en: 'The year differs from the year in the address' } }]);
    }
    await setCalendarYear(deps, actingUser(request), { year, status: body.status, holidays: body.holidays, makeupWorkdays: body.makeupWorkdays });
    return { ok: true };
  });

  app.get('/api/v1/admin/working-hours', { config: { policy }, preHandler, schema: { response: { 200: obj({ hours: hoursSchema, source: str }) } } }, async () => {
    const stored = await deps.pool.query('SELECT 1 FROM settings WHERE key = $1', [WORKING_HOURS_KEY]);
    return { hours: await loadWorkingHours(deps.pool), source: stored.rowCount === 0 ? 'default' : 'table' };
  });

  app.put('/api/v1/admin/working-hours', { config: { policy, input: { body: hoursBody } }, preHandler, schema: { response: { 200: okResponse } } }, async (request) => {
    const hours: WorkingHours = parseRequest(request, 'body', hoursBody);
    await setWorkingHours(deps, actingUser(request), hours);
    return { ok: true };
  });
}
