// Casework on a schedule: the clock sweep (DESIGN §4) and keyed search indexing (§7.1).
import { sweepClocks } from '../commands/clock-sweep.js';
import { indexPendingCases } from '../commands/index-search.js';
import { defineJob } from './job.js';

/** Reminders are about days, so every five minutes is prompt enough and cheap. */
export const clockSweepJob = defineJob(
  'clock.sweep',
  async (_p, ctx) => {
    await sweepClocks(ctx.deps);
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
