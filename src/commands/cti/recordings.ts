// A call's recording as stored and as a case file (issue 6). The blob is encrypted once, bound to the
// recording's id; the case attachment (and a voicemail's inbox attachment) reuse that id, so one stored
// file serves all three rows and a recording is attached to a case at most once (the attachment's key).
import type pg from 'pg';
import { caseDigest } from '../../security/audit-digest.js';
import { insertAudit } from '../../store/audit-rows.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from '../../store/case-row.js';
import { attachmentChild, canonicalStateBytes, loadChildren, type AttachmentState } from '../../store/case-state.js';
import { yearIn } from '../case-number.js';
import type { Deps } from '../deps.js';
import { uuidv7 } from '../ids.js';

export interface StoredRecording {
  readonly id: string;
  readonly storageKey: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly fingerprint: Buffer;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'audio/wav': 'wav', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'audio/gsm': 'gsm' };

/** The file name a clerk sees: what it is and when, never the caller's number. */
export function recordingName(kind: 'call' | 'voicemail', startedAt: Date | null, mediaType: string, timezone: string): string {
  const when = startedAt ? new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, dateStyle: 'short', timeStyle: 'short' }).format(startedAt).replace(' ', '-').replace(':', '') : '';
  return `${kind === 'voicemail' ? '电话留言' : '通话录音'}${when === '' ? '' : `-${when}`}.${EXTENSIONS[mediaType] ?? 'bin'}`;
}

/** Encrypted and synced before any row names it; the caller removes it if its transaction does not commit. */
export async function storeRecordingBlob(deps: Deps, bytes: Buffer, mediaType: string): Promise<StoredRecording> {
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const storageKey = await deps.attachments.put(yearIn(deps.timezone, now), id, deps.files.encryptBuffer(id, bytes));
  return { id, storageKey, mediaType, sizeBytes: bytes.length, fingerprint: deps.blind.index('attachment', bytes) };
}

/** The case attachment row of a recording, its name encrypted for the attachments table. */
export function recordingAttachment(deps: Deps, r: StoredRecording, name: string): AttachmentState {
  return {
    id: r.id,
    message_id: null,
    name_enc: deps.cipher.encrypt({ table: 'attachments', column: 'name_enc', rowId: r.id }, name),
    media_type: r.mediaType,
    size_bytes: r.sizeBytes,
    fingerprint: r.fingerprint,
    origin: 'original',
    storage_key: r.storageKey,
  };
}

interface RecordingRow {
  id: string;
  storage_key: string;
  media_type: string;
  size_bytes: number;
  fingerprint: Buffer;
  voicemail: boolean;
  started_at: Date | null;
}

/** A call's recordings that are no case's files yet, as attachment rows for a new case's insert. */
export async function unattachedRecordings(deps: Deps, tx: pg.ClientBase, callRowId: string, skip: ReadonlySet<string> = new Set()): Promise<AttachmentState[]> {
  const r = await tx.query<RecordingRow>(
    `SELECT r.id, r.storage_key, r.media_type, r.size_bytes::float8 AS size_bytes, r.fingerprint, c.voicemail, c.started_at
     FROM call_recordings r JOIN calls c ON c.id = r.call_row_id
     WHERE r.call_row_id = $1 AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.id = r.id)
     ORDER BY r.id`,
    [callRowId],
  );
  return r.rows
    .filter((x) => !skip.has(x.id))
    .map((x) => recordingAttachment(deps, { id: x.id, storageKey: x.storage_key, mediaType: x.media_type, sizeBytes: x.size_bytes, fingerprint: x.fingerprint }, recordingName(x.voicemail ? 'voicemail' : 'call', x.started_at, x.media_type, deps.timezone)));
}

/**
 * A recording that arrives after its case was registered joins the case's files: attachment, timeline
 * and audit (with the digest of the case as it now is) in the caller's transaction. Already there: nothing.
 */
export async function attachRecordingToCase(deps: Deps, tx: pg.ClientBase, caseId: string, recording: AttachmentState): Promise<boolean> {
  const found = (await tx.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId])).rows[0];
  if (!found) throw new Error('case of a call vanished');
  const there = await tx.query('SELECT 1 FROM attachments WHERE id = $1', [recording.id]);
  if ((there.rowCount ?? 0) > 0) return false;
  const row = caseRowOf(found);
  const now = deps.clock.now();
  const children = [...((await loadChildren(tx, [caseId])).get(caseId) ?? []), attachmentChild(recording)];
  await tx.query(
    `INSERT INTO attachments (id, case_id, name_enc, media_type, size_bytes, fingerprint, origin, storage_key, created_at)
     VALUES ($1, $2, $3, $4, $5::bigint, $6, $7, $8, $9)`,
    [recording.id, caseId, recording.name_enc, recording.media_type, recording.size_bytes, recording.fingerprint, recording.origin, recording.storage_key, now],
  );
  await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, public) VALUES ($1, $2, 'call_recording', 'system', false)`, [caseId, now]);
  await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:cti', action: 'case.call_recording', caseId, target: `attachment:${recording.id}`, caseDigest: caseDigest(deps.ring, canonicalStateBytes(row, children)) });
  return true;
}
