// Liveness and readiness (DESIGN §8); details only to loopback callers.
import type { FastifyInstance } from 'fastify';
import { LiveChannelSettings } from '../../channels/settings/live.js';
import { isLoopbackHost } from '../../config.js';
import type { HttpContext } from '../context.js';
import { bool, obj, str, strings } from './common.js';

const health = obj({ status: str });
// Details only for loopback callers, so all but the status are optional.
const readyBody = obj(
  {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    reason: { type: 'string', enum: ['database_unreachable', 'starting'] },
    database: obj({ kind: str, reachable: bool }),
    weakenedSwitches: strings,
    demo: bool,
    surface: str,
  },
  ['status'],
);

export interface Readiness {
  ready(): boolean;
  database: 'embedded' | 'external';
}

/** A probe must answer even when PostgreSQL does not: an unanswered SELECT 1 counts as unreachable. */
const PROBE_MS = 3_000;

async function withinProbe(work: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_MS);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const databaseAnswers = (ctx: HttpContext): Promise<boolean> => withinProbe(ctx.deps.pool.query('SELECT 1').then(() => true, () => false));

export function registerHealthRoutes(app: FastifyInstance, ctx: HttpContext, readiness: Readiness): void {
  // The sysadmin's channel settings count too (plaintext mail saved in the console), read as the senders read them.
  const live = new LiveChannelSettings(ctx.config, ctx.deps);
  app.addHook('onClose', () => live.stop());

  app.get('/healthz', { config: { policy: 'operations' }, schema: { response: { 200: health } } }, async (_request, reply) => reply.send({ status: 'ok' }));

  app.get('/readyz', { config: { policy: 'operations' }, schema: { response: { 200: readyBody, 503: readyBody } } }, async (request, reply) => {
    const dbOk = await databaseAnswers(ctx);
    const ok = dbOk && readiness.ready();
    reply.status(ok ? 200 : 503);
    // Why not ready is no secret: a load balancer's log should say it is the database.
    const why = ok ? {} : { reason: dbOk ? 'starting' : 'database_unreachable' };
    // request.ip is the client behind a trusted proxy, so a proxied caller never counts as local.
    if (!isLoopbackHost(request.ip.replace(/^::ffff:/u, ''))) {
      return reply.send({ status: ok ? 'ready' : 'not_ready', ...why });
    }
    // Without the database the values last read stand (the environment's at first); a slow read waits one probe at most.
    if (dbOk) await withinProbe(live.fresh().then(() => true));
    return reply.send({
      status: ok ? 'ready' : 'not_ready',
      ...why,
      database: { kind: readiness.database, reachable: dbOk },
      weakenedSwitches: live.weakenedSwitches(),
      demo: ctx.config.demo,
      surface: ctx.config.surface,
    });
  });
}
