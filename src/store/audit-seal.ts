// The sealing step of DESIGN §6: chains every audit row of finished transactions into audit_seal.
// Rows are taken by transaction id below the snapshot horizon, so a rolled-back gap and a
// transaction still in flight are told apart without any lock on the writers' hot path.
import type pg from 'pg';
import { GENESIS_HEAD, chainStep, rowTag } from '../security/audit-digest.js';
import type { KeyRing } from '../security/keys.js';
import { AUDIT_SELECT, canonicalAuditBytes, type AuditDbRow } from './audit-rows.js';

export interface SealRow {
  id: string;
  from_xid: string;
  to_xid: string;
  row_count: string;
  last_seq: string | null;
  prev_head: Buffer;
  head: Buffer;
  row_macs: Buffer;
  key_id: string;
}

const SEALER_LOCK = 0x5a54_0001;

export interface SealResult {
  /** The seal written by this call, or null when there was nothing to seal (or another node holds the lock). */
  readonly sealId: string | null;
  readonly rows: number;
  readonly head: Buffer;
  /** The seal whose head `head` is (new or earlier), null before the first seal: what anchoring records. */
  readonly headSealId: string | null;
}

/** Seals what is sealable now; safe to run from several nodes (one wins the lock). */
export async function sealAudit(pool: pg.Pool, ring: KeyRing): Promise<SealResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const lock = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [SEALER_LOCK]);
    const last = await client.query<SealRow>('SELECT id::text, from_xid::text, to_xid::text, row_count::text, last_seq::text, prev_head, head, row_macs, key_id::text FROM audit_seal ORDER BY id DESC LIMIT 1');
    const prev = last.rows[0];
    const prevHead = prev?.head ?? GENESIS_HEAD;
    const prevId = prev?.id ?? null;
    if (lock.rows[0]?.ok !== true) {
      await client.query('ROLLBACK');
      return { sealId: null, rows: 0, head: prevHead, headSealId: prevId };
    }
    const from = prev?.to_xid ?? '0';
    const horizon = await client.query<{ h: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h');
    const to = horizon.rows[0]?.h ?? from;
    const rows = await client.query<AuditDbRow>(`${AUDIT_SELECT} WHERE xid >= $1::xid8 AND xid < $2::xid8 ORDER BY xid, seq`, [from, to]);
    if (rows.rows.length === 0) {
      await client.query('ROLLBACK');
      return { sealId: null, rows: 0, head: prevHead, headSealId: prevId };
    }
    let head = prevHead;
    const tags: Buffer[] = [];
    for (const r of rows.rows) {
      const bytes = canonicalAuditBytes(r);
      head = chainStep(ring, head, bytes);
      tags.push(rowTag(ring, bytes));
    }
    const lastSeq = rows.rows.reduce((m, r) => (BigInt(r.seq) > m ? BigInt(r.seq) : m), 0n);
    const ins = await client.query<{ id: string }>(
      `INSERT INTO audit_seal (from_xid, to_xid, row_count, last_seq, prev_head, head, row_macs, key_id)
       VALUES ($1::xid8, $2::xid8, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
      [from, to, rows.rows.length, lastSeq.toString(), prevHead, head, Buffer.concat(tags), ring.keyId],
    );
    await client.query('COMMIT');
    const sealId = ins.rows[0]?.id ?? null;
    return { sealId, rows: rows.rows.length, head, headSealId: sealId };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
