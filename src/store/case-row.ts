// The case row as stored, and its canonical form for the audit digest. The digest covers every column
// a command sets; counters and derived data that jobs maintain live in side tables (DESIGN §6).
// One list drives the SELECT, the mapping and the canonical bytes, so a new column cannot be left out of one.

type Kind = 'text' | 'bytes' | 'time' | 'int' | 'bool';

const COLUMNS = {
  id: ['id', 'text'],
  caseNumber: ['case_number', 'text'],
  channel: ['channel', 'text'],
  type: ['type', 'text'],
  scope: ['scope', 'text'],
  reportedPoliceBranch: ['reported_police_branch', 'text'],
  state: ['state', 'text'],
  anonymity: ['anonymity', 'text'],
  titleEnc: ['title_enc', 'bytes'],
  contentEnc: ['content_enc', 'bytes'],
  detailsEnc: ['details_enc', 'bytes'],
  queryCodeHash: ['query_code_hash', 'bytes'],
  queryCodeEnc: ['query_code_enc', 'bytes'],
  receivedAt: ['received_at', 'time'],
  createdAt: ['created_at', 'time'],
  version: ['version', 'int'],
  problemType: ['problem_type', 'text'],
  policeBranch: ['police_branch', 'text'],
  urgency: ['urgency', 'text'],
  businessRelated: ['business_related', 'bool'],
  isAccusation: ['is_accusation', 'bool'],
  sealed: ['sealed', 'bool'],
  channelDetailsEnc: ['channel_details_enc', 'bytes'],
  reporterConsentsToName: ['reporter_consents_to_name', 'bool'],
  mode: ['mode', 'text'],
  proposalEnc: ['proposal_enc', 'bytes'],
  proposedUnitId: ['proposed_unit_id', 'text'],
  acceptedAt: ['accepted_at', 'time'],
  publicDue: ['public_due', 'text'],
  publicDueProvisional: ['public_due_provisional', 'bool'],
  cycle: ['cycle', 'int'],
  reopenCount: ['reopen_count', 'int'],
  extensionDaysUsed: ['extension_days_used', 'int'],
  currentUnitId: ['current_unit_id', 'text'],
  unitDue: ['unit_due', 'text'],
  handlerUserId: ['handler_user_id', 'text'],
  reviewStage: ['review_stage', 'text'],
  suspendedSince: ['suspended_since', 'text'],
  chased: ['chased', 'bool'],
  supervised: ['supervised', 'bool'],
  dissatisfied: ['dissatisfied', 'bool'],
  rated: ['rated', 'bool'],
  falseAccusation: ['false_accusation', 'bool'],
  firstContactAt: ['first_contact_at', 'time'],
  mergedIntoId: ['merged_into_id', 'text'],
  repliedAt: ['replied_at', 'time'],
  closedAt: ['closed_at', 'time'],
  archivedAt: ['archived_at', 'time'],
  updatedAt: ['updated_at', 'time'],
} as const satisfies Record<string, readonly [string, Kind]>;

type Columns = typeof COLUMNS;
type ValueOf<K extends Kind> = K extends 'text' ? string : K extends 'bytes' ? Buffer : K extends 'time' ? Date : K extends 'int' ? number : boolean;
/** Columns that are NOT NULL in the schema. */
type Required = 'id' | 'caseNumber' | 'channel' | 'type' | 'state' | 'anonymity' | 'titleEnc' | 'contentEnc' | 'detailsEnc' | 'queryCodeHash' | 'receivedAt' | 'createdAt' | 'version'
  | 'urgency' | 'businessRelated' | 'isAccusation' | 'sealed' | 'reporterConsentsToName' | 'publicDueProvisional' | 'cycle' | 'reopenCount' | 'extensionDaysUsed'
  | 'chased' | 'supervised' | 'dissatisfied' | 'rated' | 'falseAccusation';

export type CaseRow = { readonly [F in keyof Columns]: F extends Required ? ValueOf<Columns[F][1]> : ValueOf<Columns[F][1]> | null };
export type CaseField = keyof Columns;
export type CaseDbRow = Record<string, unknown>;

const FIELD_NAMES = Object.keys(COLUMNS) as CaseField[];

export const CASE_COLUMNS = FIELD_NAMES.map((f) => COLUMNS[f][0]).join(', ');

export function columnOf(field: CaseField): string {
  return COLUMNS[field][0];
}

/** Maps a row selected with CASE_COLUMNS (DATE columns arrive as text: see store/open.ts). */
export function caseRowOf(r: CaseDbRow): CaseRow {
  return Object.fromEntries(FIELD_NAMES.map((f) => [f, r[COLUMNS[f][0]] ?? null])) as CaseRow;
}

/** The columns of a brand-new case that the writer leaves to their defaults, as the database fills them. */
export const NEW_CASE_DEFAULTS = {
  problemType: null, policeBranch: null, urgency: 'normal', businessRelated: false, sealed: false, channelDetailsEnc: null,
  reporterConsentsToName: false, mode: null, proposalEnc: null, proposedUnitId: null, acceptedAt: null, publicDue: null,
  publicDueProvisional: false, cycle: 1, reopenCount: 0, extensionDaysUsed: 0, currentUnitId: null, unitDue: null,
  handlerUserId: null, reviewStage: null, suspendedSince: null, chased: false, supervised: false, dissatisfied: false, rated: false,
  falseAccusation: false, firstContactAt: null, mergedIntoId: null, repliedAt: null, closedAt: null, archivedAt: null, updatedAt: null,
} as const satisfies Partial<CaseRow>;

function canonical(kind: Kind, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bytes':
      return (v as Buffer).toString('hex');
    case 'time':
      return (v as Date).toISOString();
    case 'bool':
      return v === true ? 't' : 'f';
    case 'int':
      return (v as number).toString();
    case 'text':
      return v as string;
  }
}

/** A stable byte string of the row: field order fixed, bytes hex, times in ISO form. */
export function canonicalCaseBytes(c: CaseRow): Buffer {
  return Buffer.from(JSON.stringify(FIELD_NAMES.map((f) => canonical(COLUMNS[f][1], c[f]))), 'utf8');
}
