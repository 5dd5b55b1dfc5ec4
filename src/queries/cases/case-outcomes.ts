// Results, replies, attachments and pending decisions of a case detail, decrypted for an authorised reader.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { PENDING_KIND_INFO, type PendingKind } from '../../domain/pending-kinds.js';
import type { CaseRecord } from '../../store/case-record.js';
import { userNames } from './case-parts.js';

type Db = pg.ClientBase;

export interface ResultEntry {
  readonly cycle: number;
  readonly finding: string;
  readonly investigationReport: string | null;
  readonly measures: string | null;
  readonly discipline: readonly { subjectId: string; outcome: string }[];
  readonly draftReply: string;
  readonly submittedBy: string | null;
  readonly submittedAt: string;
}

export async function resultsOf(deps: Deps, db: Db, caseId: string): Promise<ResultEntry[]> {
  const r = await db.query<{ id: string; cycle: number; finding: string; body_enc: Buffer; submitted_by: string; submitted_at: Date }>(
    'SELECT id, cycle, finding, body_enc, submitted_by, submitted_at FROM case_results WHERE case_id = $1 ORDER BY submitted_at',
    [caseId],
  );
  const names = await userNames(db, r.rows.map((x) => x.submitted_by));
  return r.rows.map((x) => {
    const body = deps.cipher.decryptJson<Omit<ResultEntry, 'cycle' | 'finding' | 'submittedBy' | 'submittedAt'>>({ table: 'case_results', column: 'body_enc', rowId: x.id }, x.body_enc);
    return { cycle: x.cycle, finding: x.finding, ...body, submittedBy: names.get(x.submitted_by) ?? null, submittedAt: x.submitted_at.toISOString() };
  });
}

export interface ReplyEntry {
  readonly cycle: number;
  readonly outcome: string;
  readonly method: string | null;
  readonly answeredAt: string;
  readonly recordedBy: string | null;
  readonly body: Readonly<Record<string, string | null>>;
}

export async function repliesOf(deps: Deps, db: Db, caseId: string): Promise<ReplyEntry[]> {
  const r = await db.query<{ id: string; cycle: number; outcome: string; method: string | null; body_enc: Buffer; answered_at: Date; recorded_by: string }>(
    'SELECT id, cycle, outcome, method, body_enc, answered_at, recorded_by FROM replies WHERE case_id = $1 ORDER BY recorded_at',
    [caseId],
  );
  const names = await userNames(db, r.rows.map((x) => x.recorded_by));
  return r.rows.map((x) => ({
    cycle: x.cycle,
    outcome: x.outcome,
    method: x.method,
    answeredAt: x.answered_at.toISOString(),
    recordedBy: names.get(x.recorded_by) ?? null,
    body: deps.cipher.decryptJson<Record<string, string | null>>({ table: 'replies', column: 'body_enc', rowId: x.id }, x.body_enc),
  }));
}

export interface AttachmentEntry {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly origin: string;
}

/** Originals for the centre; a unit gets derivatives and the originals shared with it by grant_original (DESIGN §3.4). */
/** Which attachments a reader is shown ($2: null for the centre, else the reader's unit): one rule for the list and the download. */
const SHOWN_TO = `a.case_id = $1
       AND ($2::uuid IS NULL OR a.origin = 'derivative' OR EXISTS (SELECT 1 FROM case_access_grants g WHERE g.case_id = a.case_id AND g.what = 'attachment' AND g.attachment_id = a.id AND g.unit_id = $2))`;

export type AttachmentReader = 'all' | { unitId: string };

export async function attachmentsOf(deps: Deps, db: Db, caseId: string, originals: AttachmentReader): Promise<AttachmentEntry[]> {
  const r = await db.query<{ id: string; name_enc: Buffer; media_type: string; size_bytes: string; origin: string }>(
    `SELECT a.id, a.name_enc, a.media_type, a.size_bytes::text, a.origin FROM attachments a WHERE ${SHOWN_TO}
     ORDER BY a.created_at, a.id`,
    [caseId, originals === 'all' ? null : originals.unitId],
  );
  return r.rows.map((a) => ({
    id: a.id,
    name: deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: a.id }, a.name_enc),
    mediaType: a.media_type,
    sizeBytes: Number(a.size_bytes),
    origin: a.origin,
  }));
}

export interface ShownAttachment extends AttachmentEntry {
  readonly storageKey: string;
}

/** One attachment of the case if this reader is shown it in the detail; null otherwise (an original to a unit, another case's id). */
export async function shownAttachment(deps: Deps, db: Db, caseId: string, originals: AttachmentReader, attachmentId: string): Promise<ShownAttachment | null> {
  const r = await db.query<{ id: string; name_enc: Buffer; media_type: string; size_bytes: string; origin: string; storage_key: string }>(
    `SELECT a.id, a.name_enc, a.media_type, a.size_bytes::text, a.origin, a.storage_key FROM attachments a WHERE ${SHOWN_TO} AND a.id = $3`,
    [caseId, originals === 'all' ? null : originals.unitId, attachmentId],
  );
  const a = r.rows[0];
  if (a === undefined) return null;
  return {
    id: a.id,
    name: deps.cipher.decryptText({ table: 'attachments', column: 'name_enc', rowId: a.id }, a.name_enc),
    mediaType: a.media_type,
    sizeBytes: Number(a.size_bytes),
    origin: a.origin,
    storageKey: a.storage_key,
  };
}

export interface PendingEntry {
  readonly id: string;
  readonly kind: PendingKind;
  readonly label: Bilingual;
  readonly requestedBy: string | null;
  readonly requestedAt: string;
  readonly confirmations: number;
}

export async function pendingOf(db: Db, record: CaseRecord): Promise<PendingEntry[]> {
  const names = await userNames(db, record.pending.map((p) => p.requestedBy));
  return record.pending.map((p) => {
    const kind = p.kind as PendingKind;
    return { id: p.id, kind, label: PENDING_KIND_INFO[kind].label, requestedBy: names.get(p.requestedBy) ?? null, requestedAt: p.requestedAt.toISOString(), confirmations: p.confirmations.length };
  });
}
