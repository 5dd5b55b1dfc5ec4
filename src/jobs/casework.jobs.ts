// Casework on a schedule: the clock sweep (DESIGN §4), keyed search indexing (§7.1) and the statistics
// roll-ups (§9).
import { sweepClocks } from '../commands/clock-sweep.js';
import { sweepDeliveredQueryCodes } from '../commands/erase-query-code.js';
import { indexPendingCases } from '../commands/index-search.js';
import { ensureStatsZone, foldPendingStats } from '../commands/stats-rollup.js';
import { defineJob } from './job.js';

/** Reminders are about days, so every five minutes is prompt enough and cheap. */
export const clockSweepJob = defineJob(
  'clock.sweep',
  async (_p, ctx) => {
    await sweepClocks(ctx.deps);
    await sweepDeliveredQueryCodes(ctx.deps);
  },
  { schedule: { everySeconds: 300, firstAfterSeconds: 30 }, retryLimit: 1, expireInSeconds: 600 },
);

/** New cases become searchable within about half a minute, without the intake path paying for it. */
export const searchIndexJob = defineJob(
  'search.index',
  async (_p, ctx) => {
    // Drain in batches so a backlog (after an ICU upgrade) does not hold one job for long.
    for (let i = 0; i < 20; i++) if ((await indexPendingCases(ctx.deps, 200)) < 200) return;
  },
  { schedule: { everySeconds: 30, firstAfterSeconds: 10 }, retryLimit: 1, expireInSeconds: 600 },
);

/**
 * Changed cases fold into the statistics roll-ups every ten seconds. Readers correct for what is still
 * pending, so this only keeps their corrections small; a backlog (after an upgrade or a zone change) drains
 * a few thousand cases per run.
 */
export const statsRollupJob = defineJob(
  'stats.rollup',
  async (_p, ctx) => {
    await ensureStatsZone(ctx.deps);
    for (let i = 0; i < 10 && !ctx.stopping.aborted; i++) if ((await foldPendingStats(ctx.deps, 500)) < 500) return;
  },
  { schedule: { everySeconds: 10, firstAfterSeconds: 5 }, retryLimit: 1, expireInSeconds: 600 },
);
