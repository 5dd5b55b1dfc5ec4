// The state an audit digest covers: the case row and its child rows (reporter, subjects, messages,
// attachments, and everything handling adds), so deleting the accused, a reporter's added evidence or a
// level of the dispatch chain shows in `audit verify`.
// The same field lists serve the writers (from values in memory) and verify (from the database).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { canonicalCaseBytes, type CaseRow } from './case-row.js';

/** Handling's child tables: the columns the digest covers, in a fixed order; the first is the row's id. */
const HANDLING_CHILDREN = {
  dispatch_levels: ['id', 'cycle', 'depth', 'unit_id', 'co_unit_ids', 'assigned_at', 'assigned_by', 'unit_due', 'unit_due_provisional', 'flagged_short', 'brief_enc', 'signed_for_at', 'signed_for_by', 'granted', 'revoked_at'],
  pending_decisions: ['id', 'kind', 'payload_enc', 'requested_by', 'requested_at', 'confirmations', 'settlement', 'settled_by', 'settled_at'],
  case_results: ['id', 'cycle', 'finding', 'body_enc', 'submitted_by', 'submitted_at'],
  replies: ['id', 'cycle', 'outcome', 'method', 'body_enc', 'answered_at', 'recorded_by', 'recorded_at'],
  case_notes: ['id', 'author_user_id', 'unit_id', 'body_enc', 'created_at'],
  follow_ups: ['id', 'cycle', 'due_on', 'status', 'attempts', 'created_at', 'settled_at'],
  follow_up_records: ['id', 'follow_up_id', 'outcome', 'channel', 'reasons', 'note_enc', 'recorded_by', 'recorded_at'],
  case_conflicts: ['user_id', 'reason_enc', 'declared_at'],
  case_access_grants: ['id', 'what', 'attachment_id', 'unit_id', 'granted_by', 'reason_enc', 'granted_at'],
} as const satisfies Record<string, readonly string[]>;
type HandlingTable = keyof typeof HANDLING_CHILDREN;

export type ChildTable = 'reporters' | 'subjects' | 'messages' | 'attachments' | HandlingTable;
type Field = Buffer | string | number | boolean | Date | readonly unknown[] | Record<string, unknown> | null;

export interface ChildState {
  readonly table: ChildTable;
  readonly id: string;
  readonly fields: readonly Field[];
}

export interface ReporterState {
  id: string;
  name_enc: Buffer | null;
  phone_enc: Buffer | null;
  email_enc: Buffer | null;
  address_enc: Buffer | null;
  workplace_enc: Buffer | null;
  openid_enc: Buffer | null;
}
export interface SubjectState {
  id: string;
  position: number;
  name_enc: Buffer | null;
  police_number_enc: Buffer | null;
  unit_text_enc: Buffer | null;
  position_title_enc: Buffer | null;
  vehicle_plate_enc: Buffer | null;
  linked_user_id: string | null;
  linked_unit_id: string | null;
  rank: string | null;
}
export interface MessageState {
  id: string;
  direction: string;
  author_user_id: string | null;
  body_enc: Buffer;
}
export interface AttachmentState {
  id: string;
  message_id: string | null;
  name_enc: Buffer;
  media_type: string;
  size_bytes: number;
  fingerprint: Buffer;
  origin: string;
  storage_key: string;
}

export const reporterChild = (r: ReporterState): ChildState => ({ table: 'reporters', id: r.id, fields: [r.name_enc, r.phone_enc, r.email_enc, r.address_enc, r.workplace_enc, r.openid_enc] });
export const subjectChild = (s: SubjectState): ChildState => ({
  table: 'subjects',
  id: s.id,
  fields: [s.position, s.name_enc, s.police_number_enc, s.unit_text_enc, s.position_title_enc, s.vehicle_plate_enc, s.linked_user_id, s.linked_unit_id, s.rank],
});
export const messageChild = (m: MessageState): ChildState => ({ table: 'messages', id: m.id, fields: [m.direction, m.author_user_id, m.body_enc] });
export const attachmentChild = (a: AttachmentState): ChildState => ({
  table: 'attachments',
  id: a.id,
  fields: [a.message_id, a.name_enc, a.media_type, a.size_bytes, a.fingerprint, a.origin, a.storage_key],
});

function fieldText(f: Field): string | null {
  if (f === null) return null;
  if (Buffer.isBuffer(f)) return `x${f.toString('hex')}`;
  if (f instanceof Date) return `d${f.toISOString()}`;
  if (typeof f === 'number') return `n${String(f)}`;
  if (typeof f === 'boolean') return f ? 'bt' : 'bf';
  return typeof f === 'string' ? `s${f}` : `j${JSON.stringify(f)}`;
}

/** Case row, then each child as (table, id, sha256 of its fields), children in a fixed order. */
export function canonicalStateBytes(c: CaseRow, children: readonly ChildState[]): Buffer {
  const entries = children
    .map((ch) => [ch.table, ch.id, createHash('sha256').update(JSON.stringify(ch.fields.map(fieldText))).digest('hex')] as const)
    .sort((a, b) => (a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0].localeCompare(b[0])));
  return Buffer.concat([canonicalCaseBytes(c), Buffer.from('\u0000'), Buffer.from(JSON.stringify(entries))]);
}

const CHILD_QUERIES = {
  reporters: 'SELECT case_id, id, name_enc, phone_enc, email_enc, address_enc, workplace_enc, openid_enc FROM reporters WHERE case_id = ANY($1)',
  subjects: 'SELECT case_id, id, position, name_enc, police_number_enc, unit_text_enc, position_title_enc, vehicle_plate_enc, linked_user_id, linked_unit_id, rank FROM subjects WHERE case_id = ANY($1)',
  messages: 'SELECT case_id, id, direction, author_user_id, body_enc FROM messages WHERE case_id = ANY($1)',
  attachments: 'SELECT case_id, id, message_id, name_enc, media_type, size_bytes::float8 AS size_bytes, fingerprint, origin, storage_key FROM attachments WHERE case_id = ANY($1)',
} as const;

/** Every child row of the given cases, grouped by case. */
export async function loadChildren(db: pg.ClientBase | pg.Pool, caseIds: readonly string[]): Promise<Map<string, ChildState[]>> {
  const byCase = new Map<string, ChildState[]>(caseIds.map((id) => [id, []]));
  const add = (caseId: string, child: ChildState) => byCase.get(caseId)?.push(child);
  const ids = [...caseIds];
  for (const r of (await db.query<ReporterState & { case_id: string }>(CHILD_QUERIES.reporters, [ids])).rows) add(r.case_id, reporterChild(r));
  for (const r of (await db.query<SubjectState & { case_id: string }>(CHILD_QUERIES.subjects, [ids])).rows) add(r.case_id, subjectChild(r));
  for (const r of (await db.query<MessageState & { case_id: string }>(CHILD_QUERIES.messages, [ids])).rows) add(r.case_id, messageChild(r));
  for (const r of (await db.query<AttachmentState & { case_id: string }>(CHILD_QUERIES.attachments, [ids])).rows) add(r.case_id, attachmentChild(r));
  for (const table of Object.keys(HANDLING_CHILDREN) as HandlingTable[]) {
    const columns: readonly string[] = HANDLING_CHILDREN[table];
    const rows = await db.query<Record<string, Field>>(`SELECT case_id, ${columns[0] ?? 'id'}::text AS child_id, ${columns.join(', ')} FROM ${table} WHERE case_id = ANY($1)`, [ids]);
    for (const r of rows.rows) add(r.case_id as string, { table, id: r.child_id as string, fields: columns.slice(1).map((c) => r[c] ?? null) });
  }
  return byCase;
}
