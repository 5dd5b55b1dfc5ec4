// The case row as stored, and its canonical form for the audit digest. The digest covers the
// case's own fields only; counters and derived columns live in side tables (DESIGN §6).
export interface CaseRow {
  readonly id: string;
  readonly caseNumber: string;
  readonly channel: string;
  readonly type: string;
  readonly scope: string | null;
  readonly reportedPoliceBranch: string | null;
  readonly state: string;
  readonly anonymity: string;
  readonly titleEnc: Buffer;
  readonly contentEnc: Buffer;
  readonly detailsEnc: Buffer;
  readonly queryCodeHash: Buffer;
  readonly queryCodeEnc: Buffer | null;
  readonly receivedAt: Date;
  readonly createdAt: Date;
  readonly version: number;
}

export const CASE_COLUMNS =
  'id, case_number, channel, type, scope, reported_police_branch, state, anonymity, title_enc, content_enc, details_enc, query_code_hash, query_code_enc, received_at, created_at, version';

export interface CaseDbRow {
  id: string;
  case_number: string;
  channel: string;
  type: string;
  scope: string | null;
  reported_police_branch: string | null;
  state: string;
  anonymity: string;
  title_enc: Buffer;
  content_enc: Buffer;
  details_enc: Buffer;
  query_code_hash: Buffer;
  query_code_enc: Buffer | null;
  received_at: Date;
  created_at: Date;
  version: number;
}

export function caseRowOf(r: CaseDbRow): CaseRow {
  return {
    id: r.id,
    caseNumber: r.case_number,
    channel: r.channel,
    type: r.type,
    scope: r.scope,
    reportedPoliceBranch: r.reported_police_branch,
    state: r.state,
    anonymity: r.anonymity,
    titleEnc: r.title_enc,
    contentEnc: r.content_enc,
    detailsEnc: r.details_enc,
    queryCodeHash: r.query_code_hash,
    queryCodeEnc: r.query_code_enc,
    receivedAt: r.received_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

/** A stable byte string of the row: field order fixed, bytes hex, times in ISO form. */
export function canonicalCaseBytes(c: CaseRow): Buffer {
  const fields: (string | null)[] = [
    c.id,
    c.caseNumber,
    c.channel,
    c.type,
    c.scope,
    c.reportedPoliceBranch,
    c.state,
    c.anonymity,
    c.titleEnc.toString('hex'),
    c.contentEnc.toString('hex'),
    c.detailsEnc.toString('hex'),
    c.queryCodeHash.toString('hex'),
    c.queryCodeEnc?.toString('hex') ?? null,
    c.receivedAt.toISOString(),
    c.createdAt.toISOString(),
    String(c.version),
  ];
  return Buffer.from(JSON.stringify(fields), 'utf8');
}
