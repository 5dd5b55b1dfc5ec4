// The one statement that writes a new case: case, reporter, subjects, attachments, timeline, audit,
// outbox and the stored idempotent answer commit together in one round trip (DESIGN §6, the intake
// hot path). The same text serves the portal, a clerk's registration and an inbox item, so it is
// parsed and planned once per connection.
import type pg from 'pg';
import type { OutboxKind } from '../domain/outbox-kinds.js';
import type { StoredIdempotency } from './idempotency.js';
import type { PreparedCase } from './new-case.js';

const INSERT_SQL = `
WITH c AS (
  INSERT INTO cases (id, case_number, channel, type, scope, reported_police_branch, state, anonymity,
    title_enc, content_enc, details_enc, query_code_hash, query_code_enc, received_at, created_at, version, is_accusation, channel_details_enc)
  VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $42, $43, $12, 1, $41, $44)
  RETURNING id
), r AS (
  INSERT INTO reporters (id, case_id, name_enc, phone_enc, email_enc, address_enc, workplace_enc, openid_enc, phone_bidx, email_bidx, openid_bidx, created_at)
  SELECT $13, c.id, $14, $15, $16, $17, $18, $45, $19, $20, $46, $12 FROM c WHERE $13::uuid IS NOT NULL
), s AS (
  INSERT INTO subjects (id, case_id, position, name_enc, police_number_enc, police_number_bidx, unit_text_enc, position_title_enc, vehicle_plate_enc, created_at)
  SELECT u.id, c.id, u.pos, u.name_enc, u.pn_enc, u.pn_bidx, u.unit_enc, u.title_enc, u.plate_enc, $12
  FROM c, unnest($21::uuid[], $22::int[], $23::bytea[], $24::bytea[], $25::bytea[], $26::bytea[], $27::bytea[], $28::bytea[])
    AS u(id, pos, name_enc, pn_enc, pn_bidx, unit_enc, title_enc, plate_enc)
), a AS (
  INSERT INTO attachments (id, case_id, name_enc, media_type, size_bytes, fingerprint, origin, storage_key, created_at)
  SELECT u.id, c.id, u.name_enc, u.media_type, u.size_bytes, u.fingerprint, 'original', u.storage_key, $12
  FROM c, unnest($29::uuid[], $30::bytea[], $31::text[], $32::bigint[], $33::bytea[], $34::text[])
    AS u(id, name_enc, media_type, size_bytes, fingerprint, storage_key)
), t AS (
  INSERT INTO timeline (case_id, at, event, actor_kind, actor_user_id, from_state, to_state, public)
  SELECT id, $12, $47, $48, $49, NULL, $6, true FROM c
), au AS (
  INSERT INTO audit (actor_kind, actor_user_id, action, case_id, target, case_digest)
  SELECT $50, $49, $51, id, $3, $35 FROM c
), o AS (
  INSERT INTO outbox (kind, case_id, payload, created_at, available_at)
  SELECT k.kind, c.id, jsonb_build_object('caseId', c.id) || CASE WHEN k.kind = 'reporter.acknowledgement' THEN jsonb_build_object('delivery', $53::text) ELSE '{}'::jsonb END, $12, $12
  FROM c, unnest($52::text[]) WITH ORDINALITY AS k(kind, n) ORDER BY k.n
), i AS (
  INSERT INTO idempotency_keys (scope, key_hash, request_hash, status_code, response_enc, created_at, expires_at)
  SELECT $36, $37, $38, 201, $39, $12, $40 FROM c WHERE $36::text IS NOT NULL
)
SELECT id FROM c`;

/** The portal's reporter submits; a clerk registers. */
function whoRecords(p: PreparedCase): { event: string; timelineActor: string; auditActor: string; action: string } {
  return p.actor
    ? { event: 'register', timelineActor: 'staff', auditActor: 'staff', action: 'case.register' }
    : { event: 'submit', timelineActor: 'reporter', auditActor: 'public', action: 'case.submit' };
}

/** Jobs pick these up: every new case is announced; a code to deliver becomes an acknowledgement, which names the channel it goes by. */
function outboxKinds(p: PreparedCase): OutboxKind[] {
  return p.delivery ? ['case.registered', 'reporter.acknowledgement'] : ['case.registered'];
}

/** Runs on the pool (one implicit transaction) or inside the caller's transaction. */
export async function insertCase(db: pg.Pool | pg.ClientBase, p: PreparedCase, idem?: StoredIdempotency): Promise<void> {
  const { row, reporter, subjects, attachments } = p;
  const who = whoRecords(p);
  // Named: parsed once per connection and planned generically, not for every report.
  await db.query({ name: 'insert-case', text: INSERT_SQL, values: [
    row.id, row.caseNumber, row.channel, row.type, row.reportedPoliceBranch, row.state, row.anonymity,
    row.titleEnc, row.contentEnc, row.detailsEnc, row.queryCodeHash, row.createdAt,
    reporter?.id ?? null, reporter?.name_enc ?? null, reporter?.phone_enc ?? null, reporter?.email_enc ?? null,
    reporter?.address_enc ?? null, reporter?.workplace_enc ?? null, p.reporterKeys.phone, p.reporterKeys.email,
    subjects.map((x) => x.id), subjects.map((x) => x.position), subjects.map((x) => x.name_enc), subjects.map((x) => x.police_number_enc),
    p.subjectKeys, subjects.map((x) => x.unit_text_enc), subjects.map((x) => x.position_title_enc), subjects.map((x) => x.vehicle_plate_enc),
    attachments.map((f) => f.id), attachments.map((f) => f.name_enc), attachments.map((f) => f.media_type), attachments.map((f) => f.size_bytes),
    attachments.map((f) => f.fingerprint), attachments.map((f) => f.storage_key),
    p.digest,
    idem?.scope ?? null, idem?.keyHash ?? null, idem?.requestHash ?? null, idem?.responseEnc ?? null, idem?.expiresAt ?? null,
    row.isAccusation, row.queryCodeEnc, row.receivedAt, row.channelDetailsEnc,
    reporter?.openid_enc ?? null, p.reporterKeys.openid,
    who.event, who.timelineActor, p.actor?.userId ?? null, who.auditActor, who.action, outboxKinds(p), p.delivery,
  ] });
}
