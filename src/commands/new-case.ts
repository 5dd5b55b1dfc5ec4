// A new case as encrypted rows in memory, from the portal, a clerk's registration or an inbox item.
// Everything is built before the one insert statement (new-case-insert.ts), so the audit digest
// covers exactly what is written.
import type { Anonymity, Channel, CodeDelivery } from '../domain/channels.js';
import { generatedTitle, isAccusation } from '../domain/classification.js';
import type { PoliceBranch } from '../domain/data/police-branches.js';
import type { CaseType } from '../domain/data/taxonomy.js';
import { INITIAL_STATE } from '../domain/lifecycle.js';
import { caseDigest } from '../security/audit-digest.js';
import { generateQueryCode } from '../security/query-code.js';
import { NEW_CASE_DEFAULTS, type CaseRow } from '../store/case-row.js';
import { attachmentChild, canonicalStateBytes, reporterChild, subjectChild, type AttachmentState, type ReporterState, type SubjectState } from '../store/case-state.js';
import type { Deps } from './deps.js';
import { uuidv7 } from './ids.js';

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

/** The staff user who registers a case; the portal's reporter has none. */
export interface StaffActor {
  readonly userId: string;
}

/** Where the reporter's contact came from when an inbox item is registered: the sender's address. */
export interface ItemContact {
  readonly delivery: CodeDelivery;
  readonly value: string;
}

/** How the case came in, and who recorded it. */
export interface CaseOrigin {
  readonly channel: Channel;
  /** As entered by staff, or the item's receipt; the recorded time is the clock's. */
  readonly receivedAt?: Date | undefined;
  readonly channelDetails?: Readonly<Record<string, unknown>> | undefined;
  readonly actor?: StaffActor | undefined;
  /** The inbox item's sender: the acknowledgement goes back the way the item came. */
  readonly itemContact?: ItemContact | undefined;
}

export interface PreparedCase {
  readonly row: CaseRow;
  readonly queryCode: string;
  readonly delivery: CodeDelivery | null;
  readonly reporter: ReporterState | null;
  readonly reporterKeys: { readonly phone: Buffer | null; readonly email: Buffer | null; readonly openid: Buffer | null };
  readonly subjects: readonly SubjectState[];
  readonly subjectKeys: readonly (Buffer | null)[];
  readonly attachments: readonly AttachmentState[];
  readonly actor: StaffActor | null;
  readonly digest: Buffer;
}

function enc(deps: Deps, table: string, column: string, rowId: string, value: string | undefined): Buffer | null {
  return value === undefined ? null : deps.cipher.encrypt({ table, column, rowId }, value);
}

/**
 * Files are encrypted and synced before their rows commit; the caller removes them if they do not.
 * The file is bound to its attachment id, so a case registered from an inbox item reuses the item's id.
 */
export async function storeFiles(deps: Deps, files: readonly AttachmentInput[], year: number, now: Date, table: 'attachments' | 'intake_attachments' = 'attachments'): Promise<AttachmentState[]> {
  const stored: AttachmentState[] = [];
  for (const f of files) {
    const id = uuidv7(now.getTime());
    const storageKey = await deps.attachments.put(year, id, deps.files.encryptBuffer(id, f.bytes));
    stored.push({
      id,
      message_id: null,
      name_enc: deps.cipher.encrypt({ table, column: 'name_enc', rowId: id }, f.name),
      media_type: f.mediaType,
      size_bytes: f.bytes.length,
      fingerprint: deps.blind.index('attachment', f.bytes),
      origin: 'original',
      storage_key: storageKey,
    });
  }
  return stored;
}

/**
 * A clerk never sees the code of a reporter who can be reached: it goes out in the acknowledgement.
 * The portal's reporter sees it on the screen; so does a clerk for a reporter reachable only by
 * letter or in person, who is given it there.
 */
export function codeDeliveryFor(origin: CaseOrigin, reporter: ReporterInput | undefined): CodeDelivery | null {
  if (!origin.actor) return null;
  if (origin.itemContact) return origin.itemContact.delivery;
  if (reporter?.phone) return 'sms';
  if (reporter?.email) return 'email';
  return null;
}

/** A real-name reporter's contact defaults to the address the item came from. */
function reporterWithItemContact(rep: ReporterInput, contact: ItemContact | undefined): { rep: ReporterInput; openid: string | undefined } {
  if (!contact) return { rep, openid: undefined };
  switch (contact.delivery) {
    case 'sms':
      return { rep: { ...rep, phone: rep.phone ?? contact.value }, openid: undefined };
    case 'email':
      return { rep: { ...rep, email: rep.email ?? contact.value }, openid: undefined };
    case 'wechat':
      return { rep, openid: contact.value };
  }
}

function reporterState(deps: Deps, rep: ReporterInput, openid: string | undefined, now: Date): ReporterState {
  const id = uuidv7(now.getTime());
  const e = (col: string, v: string | undefined) => enc(deps, 'reporters', col, id, v);
  return {
    id,
    name_enc: e('name_enc', rep.name),
    phone_enc: e('phone_enc', rep.phone),
    email_enc: e('email_enc', rep.email),
    address_enc: e('address_enc', rep.address),
    workplace_enc: e('workplace_enc', rep.workplace),
    openid_enc: e('openid_enc', openid),
  };
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

/** Every row of the new case, encrypted and bound to its row, with the digest of all of it. */
export function prepareCase(deps: Deps, input: ReportInput, origin: CaseOrigin, caseNumber: string, attachments: readonly AttachmentState[]): PreparedCase {
  const now = deps.clock.now();
  const caseId = uuidv7(now.getTime());
  const queryCode = generateQueryCode();
  const ref = (column: string) => ({ table: 'cases', column, rowId: caseId });
  const submitted = input.anonymity === 'real_name' && input.reporter ? input.reporter : undefined;
  const delivery = codeDeliveryFor(origin, submitted);
  const row: CaseRow = {
    ...NEW_CASE_DEFAULTS,
    isAccusation: isAccusation({ type: input.type, scope: null, subjectCount: input.subjects.length }),
    id: caseId,
    caseNumber,
    channel: origin.channel,
    type: input.type,
    scope: null,
    reportedPoliceBranch: input.reportedPoliceBranch ?? null,
    state: INITIAL_STATE,
    anonymity: input.anonymity,
    titleEnc: deps.cipher.encrypt(ref('title_enc'), input.title ?? generatedTitle(input.content)),
    contentEnc: deps.cipher.encrypt(ref('content_enc'), input.content),
    detailsEnc: deps.cipher.encryptJson(ref('details_enc'), { occurredAt: input.occurredAt ?? null, location: input.location ?? null }),
    queryCodeHash: deps.codes.hash(`${caseId}:${queryCode}`),
    // Kept only until the acknowledgement that carries it is delivered (DESIGN §7.4).
    queryCodeEnc: delivery ? deps.cipher.encrypt(ref('query_code_enc'), queryCode) : null,
    channelDetailsEnc: origin.channelDetails ? deps.cipher.encryptJson(ref('channel_details_enc'), origin.channelDetails) : null,
    receivedAt: origin.receivedAt ?? now,
    createdAt: now,
    version: 1,
  };
  const withContact = submitted ? reporterWithItemContact(submitted, origin.itemContact) : undefined;
  const reporter = withContact ? reporterState(deps, withContact.rep, withContact.openid, now) : null;
  const rep = withContact?.rep;
  const subjects = input.subjects.map((s, i) => subjectState(deps, s, i + 1, now));
  const children = [...(reporter ? [reporterChild(reporter)] : []), ...subjects.map(subjectChild), ...attachments.map(attachmentChild)];
  return {
    row,
    queryCode,
    delivery,
    reporter,
    reporterKeys: {
      phone: rep?.phone ? deps.blind.index('phone', rep.phone) : null,
      email: rep?.email ? deps.blind.index('email', rep.email) : null,
      openid: withContact?.openid ? deps.blind.index('openid', withContact.openid) : null,
    },
    subjects,
    subjectKeys: input.subjects.map((x) => (x.policeNumber ? deps.blind.index('police-number', x.policeNumber) : null)),
    attachments,
    actor: origin.actor ?? null,
    digest: caseDigest(deps.ring, canonicalStateBytes(row, children)),
  };
}
