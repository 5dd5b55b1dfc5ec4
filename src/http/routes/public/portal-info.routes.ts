// What the portal shows everyone without a case (issue 5): the bureau's identity and the public statistics.
// Neither reads anything that belongs to one case, so both are policy `public` and cacheable for a short time.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dateIn, yearIn } from '../../../commands/case-number.js';
import { publicStats, type PublicStats } from '../../../queries/public-stats.js';
import { loadSiteSettings } from '../../../store/site-settings.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { parseRequest } from '../../route-input.js';
import { siteSettingsResponse } from './site-schema.js';
import { publicStatsResponse } from './stats-schema.js';

const statsQuery = z.strictObject({ year: z.string().regex(/^[0-9]{4}$/u).optional() });
const FIRST_YEAR = 2000;
/** Figures of a year are computed at most once a minute per process, whatever the traffic (the query scans a year). */
const STATS_TTL_MS = 60_000;

export function registerPortalInfoRoutes(app: FastifyInstance, ctx: HttpContext): void {
  // A minute: an edit by the sysadmin shows soon, and a flood of portal visits reads the row once a minute per cache.
  app.get('/api/v1/public/site', { config: { policy: 'public' }, schema: { response: { 200: siteSettingsResponse } } }, async (_request, reply) => {
    const { settings } = await loadSiteSettings(ctx.deps.pool);
    return reply.header('Cache-Control', 'public, max-age=60').send(settings);
  });

  // The answer being computed is shared too, so a burst of misses runs the query once.
  const cache = new Map<string, { at: number; stats: Promise<PublicStats> }>();
  app.get('/api/v1/public/stats', { config: { policy: 'public', input: { query: statsQuery } }, schema: { response: { 200: publicStatsResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', statsQuery);
    const current = yearIn(ctx.deps.timezone, ctx.deps.clock.now());
    const year = q.year === undefined ? current : Number(q.year);
    if (year < FIRST_YEAR || year > current) {
      throw new HttpError('validation_failed', [{ path: 'year', code: 'range', message: { zh: `年份为${String(FIRST_YEAR)}至${String(current)}年`, en: `The year is ${String(FIRST_YEAR)} to ${String(current)}` } }]);
    }
    // Keyed by the local date too: a new day (or month) is never answered from yesterday's figures.
    const key = `${String(year)}:${dateIn(ctx.deps.timezone, ctx.deps.clock.now())}`;
    const now = Date.now();
    const hit = cache.get(key);
    let entry = hit !== undefined && now - hit.at < STATS_TTL_MS ? hit : undefined;
    if (entry === undefined) {
      for (const [k, v] of cache) if (now - v.at >= STATS_TTL_MS) cache.delete(k);
      const fresh = { at: now, stats: publicStats(ctx.deps, year) };
      // A failed computation is not kept: the next request tries again.
      fresh.stats.catch(() => {
        if (cache.get(key) === fresh) cache.delete(key);
      });
      cache.set(key, fresh);
      entry = fresh;
    }
    const stats = await entry.stats;
    return reply.header('Cache-Control', 'public, max-age=300').send(stats);
  });
}
