// The auditor's chain status: the last scheduled verification (job audit.verify), the newest seal and how
// many records wait for the sealer. Ids and counts only.
import type { Deps } from '../../commands/deps.js';
import { readAuditProblem, type ChainProblem } from '../../store/audit-problems.js';

const NAMES_NOTHING = { record: null, seal: null, caseRef: null, anchoredAt: null, covered: null, remaining: null, count: null } as const;

function chainProblem(text: string): ChainProblem {
  return { ...NAMES_NOTHING, ...readAuditProblem(text), text };
}

export interface ChainStatus {
  readonly verification: {
    readonly at: string;
    readonly ok: boolean;
    readonly problems: readonly ChainProblem[];
    readonly seals: number;
    readonly sealedRows: number;
    readonly unsealedRows: number;
    readonly casesChecked: number;
    readonly anchors: number;
  } | null;
  readonly lastSeal: { readonly id: number; readonly at: string } | null;
  readonly unsealed: number;
}

export async function auditChainStatus(deps: Pick<Deps, 'pool'>): Promise<ChainStatus> {
  const v = await deps.pool.query<{ at: Date; ok: boolean; problems: string[]; seals: number; sealed_rows: string; unsealed_rows: string; cases_checked: number; anchors: number }>(
    'SELECT at, ok, problems, seals, sealed_rows::text, unsealed_rows::text, cases_checked, anchors FROM audit_verifications ORDER BY id DESC LIMIT 1',
  );
  const seal = await deps.pool.query<{ id: string; at: Date; last_seq: string | null }>('SELECT id::text, created_at AS at, (SELECT max(last_seq) FROM audit_seal)::text AS last_seq FROM audit_seal ORDER BY id DESC LIMIT 1');
  const lastSeq = seal.rows[0]?.last_seq ?? '0';
  const unsealed = await deps.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM audit WHERE seq > $1::bigint', [lastSeq]);
  const row = v.rows[0];
  const s = seal.rows[0];
  return {
    verification: row === undefined ? null : {
      at: row.at.toISOString(), ok: row.ok, problems: row.problems.map(chainProblem), seals: row.seals, sealedRows: Number(row.sealed_rows), unsealedRows: Number(row.unsealed_rows), casesChecked: row.cases_checked, anchors: row.anchors,
    },
    lastSeal: s === undefined ? null : { id: Number(s.id), at: s.at.toISOString() },
    unsealed: Number(unsealed.rows[0]?.n ?? 0),
  };
}
