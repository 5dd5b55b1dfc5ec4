// Rate-limit windows, spent challenges, idempotency keys and quota windows go once they cannot matter.
import { pruneGuards } from '../store/guards.js';
import { defineJob } from './job.js';

export const guardPruneJob = defineJob('guards.prune', (_p, ctx) => pruneGuards(ctx.deps.pool, ctx.deps.clock.now()), {
  schedule: { everySeconds: 60 * 60, firstAfterSeconds: 60 },
  retryLimit: 1,
  expireInSeconds: 300,
});
