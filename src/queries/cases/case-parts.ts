// The decrypted parts of a case detail, each read with one query; who gets which part is decided in case-detail.ts.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import type { ReporterAccess } from '../../domain/reporter-visibility.js';
import { timelineEventLabel } from '../../domain/timeline-events.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import type { OrgSnapshot } from '../../store/reference-data.js';

type Db = pg.ClientBase;

export interface UnitRef {
  readonly id: string;
  readonly name: string;
}

export function unitRef(org: OrgSnapshot, id: string | null): UnitRef | null {
  if (id === null) return null;
  return { id, name: org.units.get(id)?.name ?? '' };
}

function dec(deps: Deps, table: string, column: string, rowId: string, v: Buffer | null): string | null {
  return v === null ? null : deps.cipher.decryptText({ table, column, rowId }, v);
}

export async function userNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const r = await db.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(r.rows.map((u) => [u.id, u.display_name]));
}

export interface TimelineRow {
  readonly at: string;
  readonly event: string;
  readonly step: Bilingual;
  readonly unit: UnitRef | null;
  readonly actor: string | null;
  readonly opinion: string | null;
}

/** The 流转记录: step, unit, person, opinion, time. */
export async function timelineOf(deps: Deps, db: Db, org: OrgSnapshot, caseId: string): Promise<TimelineRow[]> {
  const r = await db.query<{ id: string; at: Date; event: string; actor_kind: string; actor_user_id: string | null; unit_id: string | null; opinion_enc: Buffer | null }>(
    'SELECT id::text, at, event, actor_kind, actor_user_id, unit_id, opinion_enc FROM timeline WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  const names = await userNames(db, r.rows.map((t) => t.actor_user_id));
  return r.rows.map((t) => ({
    at: t.at.toISOString(),
    event: t.event,
    step: timelineEventLabel(t.event),
    unit: unitRef(org, t.unit_id),
    actor: t.actor_user_id === null ? (t.actor_kind === 'reporter' || t.actor_kind === 'public' ? '反映人' : null) : (names.get(t.actor_user_id) ?? null),
    opinion: dec(deps, 'timeline', 'opinion_enc', t.id, t.opinion_enc),
  }));
}

export interface SubjectDetail {
  readonly id: string;
  readonly name: string | null;
  readonly policeNumber: string | null;
  readonly unitText: string | null;
  readonly position: string | null;
  readonly vehiclePlate: string | null;
  readonly linkedUserId: string | null;
  readonly linkedUnit: UnitRef | null;
  readonly rank: string | null;
}

export async function subjectsOf(deps: Deps, db: Db, org: OrgSnapshot, caseId: string): Promise<SubjectDetail[]> {
  const r = await db.query<{ id: string; name_enc: Buffer | null; police_number_enc: Buffer | null; unit_text_enc: Buffer | null; position_title_enc: Buffer | null; vehicle_plate_enc: Buffer | null; linked_user_id: string | null; linked_unit_id: string | null; rank: string | null }>(
    'SELECT id, name_enc, police_number_enc, unit_text_enc, position_title_enc, vehicle_plate_enc, linked_user_id, linked_unit_id, rank FROM subjects WHERE case_id = $1 ORDER BY position',
    [caseId],
  );
  return r.rows.map((x) => ({
    id: x.id,
    name: dec(deps, 'subjects', 'name_enc', x.id, x.name_enc),
    policeNumber: dec(deps, 'subjects', 'police_number_enc', x.id, x.police_number_enc),
    unitText: dec(deps, 'subjects', 'unit_text_enc', x.id, x.unit_text_enc),
    position: dec(deps, 'subjects', 'position_title_enc', x.id, x.position_title_enc),
    vehiclePlate: dec(deps, 'subjects', 'vehicle_plate_enc', x.id, x.vehicle_plate_enc),
    linkedUserId: x.linked_user_id,
    linkedUnit: unitRef(org, x.linked_unit_id),
    rank: x.rank,
  }));
}

export interface ReporterBlock {
  readonly access: Exclude<ReporterAccess, 'none'>;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly workplace: string | null;
}

/** Only the fields the access level allows are decrypted at all: the rest never leave the database. */
export async function reporterOf(deps: Deps, db: Db, caseId: string, access: Exclude<ReporterAccess, 'none'>): Promise<ReporterBlock | null> {
  const r = await db.query<{ id: string; name_enc: Buffer | null; phone_enc: Buffer | null; email_enc: Buffer | null; address_enc: Buffer | null; workplace_enc: Buffer | null }>(
    'SELECT id, name_enc, phone_enc, email_enc, address_enc, workplace_enc FROM reporters WHERE case_id = $1',
    [caseId],
  );
  const x = r.rows[0];
  if (x === undefined) return null;
  const d = (column: string, v: Buffer | null): string | null => dec(deps, 'reporters', column, x.id, v);
  const contact = access === 'full' || access === 'contact';
  return {
    access,
    name: d('name_enc', x.name_enc),
    phone: contact ? d('phone_enc', x.phone_enc) : null,
    email: contact ? d('email_enc', x.email_enc) : null,
    address: access === 'full' ? d('address_enc', x.address_enc) : null,
    workplace: access === 'full' ? d('workplace_enc', x.workplace_enc) : null,
  };
}

export interface TextEntry {
  readonly id: string;
  readonly at: string;
  readonly author: string | null;
  readonly text: string;
}

export async function messagesOf(deps: Deps, db: Db, caseId: string): Promise<(TextEntry & { direction: string })[]> {
  const r = await db.query<{ id: string; direction: string; author_user_id: string | null; body_enc: Buffer; created_at: Date }>(
    'SELECT id, direction, author_user_id, body_enc, created_at FROM messages WHERE case_id = $1 ORDER BY created_at, id',
    [caseId],
  );
  const names = await userNames(db, r.rows.map((m) => m.author_user_id));
  return r.rows.map((m) => ({
    id: m.id,
    at: m.created_at.toISOString(),
    direction: m.direction,
    author: m.author_user_id === null ? '反映人' : (names.get(m.author_user_id) ?? null),
    text: deps.cipher.decryptText({ table: 'messages', column: 'body_enc', rowId: m.id }, m.body_enc),
  }));
}

export async function notesOf(deps: Deps, db: Db, caseId: string): Promise<TextEntry[]> {
  const r = await db.query<{ id: string; author_user_id: string; body_enc: Buffer; created_at: Date }>('SELECT id, author_user_id, body_enc, created_at FROM case_notes WHERE case_id = $1 ORDER BY created_at, id', [caseId]);
  const names = await userNames(db, r.rows.map((n) => n.author_user_id));
  return r.rows.map((n) => ({ id: n.id, at: n.created_at.toISOString(), author: names.get(n.author_user_id) ?? null, text: deps.cipher.decryptText({ table: 'case_notes', column: 'body_enc', rowId: n.id }, n.body_enc) }));
}
