// Sealing and anchoring of the audit chain (DESIGN §6), as jobs instead of the server's timers.
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Deps } from '../commands/deps.js';
import { anchorFile, appendAnchor, installationId } from '../store/audit-anchor.js';
import { sealAudit } from '../store/audit-seal.js';
import { recordAuditVerification } from '../commands/verify-audit-job.js';
import { defineJob } from './job.js';

/**
 * Seals what is sealable and anchors the head outside the database: when asked (every 15 minutes,
 * at shutdown — even if the periodic sealer already sealed everything) and whenever no anchor
 * exists yet, so a seal never goes long without one.
 */
export async function sealAndAnchor(deps: Pick<Deps, 'pool' | 'ring' | 'clock'>, keyFile: string, logger: Logger, anchor: boolean): Promise<void> {
  const sealed = await sealAudit(deps.pool, deps.ring);
  if (!sealed.headSealId) return;
  const file = anchorFile(keyFile, await installationId(deps.pool));
  if (!anchor && existsSync(file)) return;
  const head = sealed.head.toString('hex');
  await appendAnchor(file, { sealId: sealed.headSealId, head, at: deps.clock.now().toISOString() });
  logger.info({ sealId: sealed.headSealId, head }, 'audit anchor');
}

/** Follows the audit sequence within seconds; anchors only the very first seal. */
export const auditSealJob = defineJob('audit.seal', (_p, ctx) => sealAndAnchor(ctx.deps, ctx.keyFile, ctx.logger, false), {
  schedule: { everySeconds: 5, firstAfterSeconds: 0 },
  // The next run is already waiting: a failed one is not worth a retry.
  retryLimit: 0,
  expireInSeconds: 120,
});

/** The head outside the database at least every 15 minutes; shutdown anchors once more. */
export const auditAnchorJob = defineJob('audit.anchor', (_p, ctx) => sealAndAnchor(ctx.deps, ctx.keyFile, ctx.logger, true), {
  schedule: { everySeconds: 15 * 60, firstAfterSeconds: 15 * 60 },
  retryLimit: 2,
  retryDelaySeconds: 30,
  retryBackoff: false,
  expireInSeconds: 120,
});

/** The whole chain verified once a day (first an hour after start), for the auditor's chain status. */
export const auditVerifyJob = defineJob(
  'audit.verify',
  async (_p, ctx) => {
    if (!(await recordAuditVerification(ctx.deps, ctx.keyFile))) ctx.logger.error('audit verify found problems; see the auditor\'s chain status or run zhitong audit verify');
  },
  { schedule: { everySeconds: 24 * 3600, firstAfterSeconds: 3600 }, retryLimit: 1, expireInSeconds: 3 * 3600 },
);
