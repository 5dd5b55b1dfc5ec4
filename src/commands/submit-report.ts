// A public report becomes a registered case: case, reporter, subjects, attachments, timeline,
// audit and outbox commit together in one statement (one round trip after the number is drawn).
import type { Anonymity, Channel } from '../domain/channels.js';
import { generatedTitle, isAccusation } from '../domain/classification.js';
import type { PoliceBranch } from '../domain/data/police-branches.js';
import type { CaseType } from '../domain/data/taxonomy.js';
import { INITIAL_STATE } from '../domain/lifecycle.js';
import { caseDigest } from '../security/audit-digest.js';
import { generateQueryCode } from '../security/query-code.js';
import { NEW_CASE_DEFAULTS, type CaseRow } from '../store/case-row.js';
import { attachmentChild, canonicalStateBytes, reporterChild, subjectChild, type AttachmentState, type ReporterState, type SubjectState } from '../store/case-state.js';
import { nextCaseNumber, yearIn } from './case-number.js';
import type { Deps } from './deps.js';
import { uuidv7 } from './ids.js';
import type { StoredIdempotency } from './idempotency.js';

export interface ReporterInput {
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly address?: string | undefined;
  readonly workplace?: string | undefined;
}

export interface SubjectInput {
  readonly name?: string | undefined;
  readonly policeNumber?: string | undefined;
  readonly unit?: string | undefined;
  readonly position?: string | undefined;
  readonly vehiclePlate?: string | undefined;
}

export interface ReportInput {
  readonly type: CaseType;
  readonly reportedPoliceBranch?: PoliceBranch | undefined;
  readonly title?: string | undefined;
  readonly content: string;
  readonly occurredAt?: string | undefined;
  readonly location?: string | undefined;
  readonly anonymity: Anonymity;
  readonly reporter?: ReporterInput | undefined;
  readonly subjects: readonly SubjectInput[];
}

export interface AttachmentInput {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

export interface SubmitResult {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly queryCode: string;
}

export interface SubmitOptions {
  readonly channel: Channel;
  /** Drawn by the caller's admission step on the public path; drawn here otherwise. */
  readonly caseNumber?: string;
  /** Stored with the case in the same statement, so a retry after a crash finds the answer. */
  readonly idempotency?: (result: SubmitResult) => StoredIdempotency;
}

const SUBMIT_SQL = `
WITH c AS (
  INSERT INTO cases (id, case_number, channel, type, scope, reported_police_branch, state, anonymity,
    title_enc, content_enc, details_enc, query_code_hash, query_code_enc, received_at, created_at, version, is_accusation)
  VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $12, 1, $41)
  RETURNING id
), r AS (
  INSERT INTO reporters (id, case_id, name_enc, phone_enc, email_enc, address_enc, workplace_enc, phone_bidx, email_bidx, created_at)
  SELECT $13, c.id, $14, $15, $16, $17, $18, $19, $20, $12 FROM c WHERE $13::uuid IS NOT NULL
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
  INSERT INTO timeline (case_id, at, event, actor_kind, from_state, to_state, public)
  SELECT id, $12, 'submit', 'reporter', NULL, $6, true FROM c
), au AS (
  INSERT INTO audit (actor_kind, action, case_id, target, case_digest)
  SELECT 'public', 'case.submit', id, $3, $35 FROM c
), o AS (
  INSERT INTO outbox (kind, case_id, payload, created_at, available_at)
  SELECT 'case.registered', id, jsonb_build_object('caseId', id), $12, $12 FROM c
), i AS (
  INSERT INTO idempotency_keys (scope, key_hash, request_hash, status_code, response_enc, created_at, expires_at)
  SELECT $36, $37, $38, 201, $39, $12, $40 FROM c WHERE $36::text IS NOT NULL
)
SELECT id FROM c`;

function enc(deps: Deps, table: string, column: string, rowId: string, value: string | undefined): Buffer | null {
  return value === undefined ? null : deps.cipher.encrypt({ table, column, rowId }, value);
}

/** Files are encrypted and synced first; if the statement then fails they are removed again. */
async function storeFiles(deps: Deps, files: readonly AttachmentInput[], year: number, now: Date): Promise<AttachmentState[]> {
  const stored: AttachmentState[] = [];
  for (const f of files) {
    const id = uuidv7(now.getTime());
    const storageKey = await deps.attachments.put(year, id, deps.files.encryptBuffer(id, f.bytes));
    stored.push({
      id,
      message_id: null,
      name_enc: deps.cipher.encrypt({ table: 'attachments', column: 'name_enc', rowId: id }, f.name),
      media_type: f.mediaType,
      size_bytes: f.bytes.length,
      fingerprint: deps.blind.index('attachment', f.bytes),
      origin: 'original',
      storage_key: storageKey,
    });
  }
  return stored;
}

function reporterState(deps: Deps, rep: ReporterInput, now: Date): ReporterState {
  const id = uuidv7(now.getTime());
  const e = (col: string, v: string | undefined) => enc(deps, 'reporters', col, id, v);
  return { id, name_enc: e('name_enc', rep.name), phone_enc: e('phone_enc', rep.phone), email_enc: e('email_enc', rep.email), address_enc: e('address_enc', rep.address), workplace_enc: e('workplace_enc', rep.workplace), openid_enc: null };
}

function subjectState(deps: Deps, s: SubjectInput, position: number, now: Date): SubjectState {
  const id = uuidv7(now.getTime());
  const e = (col: string, v: string | undefined) => enc(deps, 'subjects', col, id, v);
  return {
    id,
    position,
    name_enc: e('name_enc', s.name),
    police_number_enc: e('police_number_enc', s.policeNumber),
    unit_text_enc: e('unit_text_enc', s.unit),
    position_title_enc: e('position_title_enc', s.position),
    vehicle_plate_enc: e('vehicle_plate_enc', s.vehiclePlate),
    linked_user_id: null,
    linked_unit_id: null,
    rank: null,
  };
}

export async function submitReport(deps: Deps, input: ReportInput, files: readonly AttachmentInput[], opts: SubmitOptions): Promise<SubmitResult> {
  const now = deps.clock.now();
  const caseId = uuidv7(now.getTime());
  const caseNumber = opts.caseNumber ?? (await nextCaseNumber(deps.pool, { ...deps.caseNumber, timezone: deps.timezone }, now));
  const queryCode = generateQueryCode();
  const row: CaseRow = {
    ...NEW_CASE_DEFAULTS,
    isAccusation: isAccusation({ type: input.type, scope: null, subjectCount: input.subjects.length }),
    id: caseId,
    caseNumber,
    channel: opts.channel,
    type: input.type,
    scope: null,
    reportedPoliceBranch: input.reportedPoliceBranch ?? null,
    state: INITIAL_STATE,
    anonymity: input.anonymity,
    titleEnc: deps.cipher.encrypt({ table: 'cases', column: 'title_enc', rowId: caseId }, input.title ?? generatedTitle(input.content)),
    contentEnc: deps.cipher.encrypt({ table: 'cases', column: 'content_enc', rowId: caseId }, input.content),
    detailsEnc: deps.cipher.encryptJson({ table: 'cases', column: 'details_enc', rowId: caseId }, { occurredAt: input.occurredAt ?? null, location: input.location ?? null }),
    queryCodeHash: deps.codes.hash(`${caseId}:${queryCode}`),
    queryCodeEnc: null,
    receivedAt: now,
    createdAt: now,
    version: 1,
  };
  const rep = input.anonymity === 'real_name' && input.reporter ? input.reporter : undefined;
  const reporter = rep ? reporterState(deps, rep, now) : null;
  const subjects = input.subjects.map((s, i) => subjectState(deps, s, i + 1, now));
  const stored = await storeFiles(deps, files, yearIn(deps.timezone, now), now);
  const children = [...(reporter ? [reporterChild(reporter)] : []), ...subjects.map(subjectChild), ...stored.map(attachmentChild)];
  const result: SubmitResult = { caseId, caseNumber, queryCode };
  const idem = opts.idempotency?.(result);
  try {
    // Named: parsed once per connection and planned generically, not for every report.
    await deps.pool.query({ name: 'submit-report', text: SUBMIT_SQL, values: [
      caseId, caseNumber, opts.channel, input.type, row.reportedPoliceBranch, row.state, input.anonymity,
      row.titleEnc, row.contentEnc, row.detailsEnc, row.queryCodeHash, now,
      reporter?.id ?? null, reporter?.name_enc ?? null, reporter?.phone_enc ?? null, reporter?.email_enc ?? null,
      reporter?.address_enc ?? null, reporter?.workplace_enc ?? null,
      rep?.phone ? deps.blind.index('phone', rep.phone) : null, rep?.email ? deps.blind.index('email', rep.email) : null,
      subjects.map((x) => x.id), subjects.map((x) => x.position), subjects.map((x) => x.name_enc), subjects.map((x) => x.police_number_enc),
      input.subjects.map((x) => (x.policeNumber ? deps.blind.index('police-number', x.policeNumber) : null)),
      subjects.map((x) => x.unit_text_enc), subjects.map((x) => x.position_title_enc), subjects.map((x) => x.vehicle_plate_enc),
      stored.map((f) => f.id), stored.map((f) => f.name_enc), stored.map((f) => f.media_type), stored.map((f) => f.size_bytes),
      stored.map((f) => f.fingerprint), stored.map((f) => f.storage_key),
      caseDigest(deps.ring, canonicalStateBytes(row, children)),
      idem?.scope ?? null, idem?.keyHash ?? null, idem?.requestHash ?? null, idem?.responseEnc ?? null, idem?.expiresAt ?? null,
      row.isAccusation,
    ] });
  } catch (err) {
    await Promise.all(stored.map((f) => deps.attachments.remove(f.storage_key)));
    throw err;
  }
  return result;
}
