// The scheduled `audit verify` (DESIGN §6, §7.3): the whole chain, every seal against the anchors outside the
// database and every case against its last audit record, recorded for the auditor's chain status. The CLI's
// `zhitong audit verify` stays the authority; this makes a broken chain visible within a day without it.
import type { Deps } from './deps.js';
import { anchorFile, installationId, readAnchors } from '../store/audit-anchor.js';
import { auditProblemText } from '../store/audit-problems.js';
import { sealAudit } from '../store/audit-seal.js';
import { verifyAudit } from '../store/audit-verify.js';

/** Problems kept per run: the first ones name where to look; the count says how many there were. */
const KEPT_PROBLEMS = 20;

export async function recordAuditVerification(deps: Pick<Deps, 'pool' | 'ring' | 'clock'>, keyFile: string): Promise<boolean> {
  const started = performance.now();
  await sealAudit(deps.pool, deps.ring);
  const anchors = await readAnchors(anchorFile(keyFile, await installationId(deps.pool)));
  const report = await verifyAudit(deps.pool, deps.ring, anchors);
  const problems = report.problems.length > KEPT_PROBLEMS ? [...report.problems.slice(0, KEPT_PROBLEMS), auditProblemText({ kind: 'more', count: report.problems.length - KEPT_PROBLEMS })] : report.problems;
  await deps.pool.query(
    `INSERT INTO audit_verifications (at, ok, problems, seals, sealed_rows, unsealed_rows, cases_checked, anchors, duration_ms)
     VALUES ($1::timestamptz, $2, $3::text[], $4, $5, $6, $7, $8, $9)`,
    [deps.clock.now(), report.ok, problems, report.seals, report.sealedRows, report.unsealedRows, report.casesChecked, anchors.length, Math.round(performance.now() - started)],
  );
  return report.ok;
}
