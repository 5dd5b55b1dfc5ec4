// One message from the mailbox, acted on exactly once (issue 7, channels.md §2): quarantine if it cannot
// be read; bounces by our signed VERP mark our mail failed, other bounces and automatic mail change
// nothing; a reply that names our signed Message-ID, from the case's reporter address, becomes a message
// on its case (from anyone else it is an item claiming the case); a subject naming a
// case threads only when the bureau's own server vouches for the sender (DMARC or SPF pass) and the
// sender is that case's reporter; everything else is a new inbox item, marked with the number it claims.
// The From header alone is never believed.
import type pg from 'pg';
import { addReporterMessage } from '../../commands/add-reporter-message.js';
import { CommandError } from '../../commands/command-error.js';
import { inTransaction, type Deps } from '../../commands/deps.js';
import { uuidv7 } from '../../commands/ids.js';
import { ingestIntakeMessage } from '../../commands/intake/ingest-message.js';
import { automaticReason, looksLikeBounce } from '../../domain/email/auto-reply.js';
import { structuralProblem, type QuarantineReason } from '../../domain/email/mime-sanity.js';
import { newWordsOfReply } from '../../domain/email/quoted.js';
import { threadedOutboundId, type Mac } from '../../domain/email/signed-ids.js';
import { claimedCaseNumber } from '../../domain/email/subject.js';
import type { FileCheckOptions } from '../../security/file-checks/rejection.js';
import { insertAudit } from '../../store/audit-rows.js';
import { checkAttachments } from './attachments.js';
import { dsnVerdict, markOutboundFailed, verpOutboundId } from './bounce.js';
import { alreadyReceived, insertInbound, storeRaw, type InboundMeta, type InboundOutcome, type InboundRow } from './inbound-record.js';
import { inboundKey, rawMessageId, rawSender } from './keys.js';
import { parseMail, type InboundMail } from './parse.js';
import { floodGroup, joinFloodGroup } from './flood.js';
import { trustedSender } from './trust.js';

export interface ReceiveContext {
  readonly deps: Deps;
  readonly mac: Mac;
  /** our own address: the Message-ID domain, the VERP base, and a loop check */
  readonly from: string;
  readonly authservId: string | null;
  readonly floodPerHour: number;
  readonly fileOptions: FileCheckOptions;
}

export type ReceiveResult = InboundOutcome | 'duplicate';

/** PostgreSQL (a SQLSTATE) and the operating system (an errno name) say what failed with a string code. */
function isInfrastructure(err: unknown): boolean {
  if (err instanceof CommandError) return false;
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

async function quarantine(c: ReceiveContext, row: InboundRow, reason: QuarantineReason): Promise<ReceiveResult> {
  const { deps } = c;
  return withTx(c, async (tx) => {
    await insertInbound(deps, tx, row, 'quarantined', { reason });
    await tx.query('INSERT INTO mail_quarantine (id, inbound_id, reason, size_bytes, received_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      uuidv7(deps.clock.now().getTime()), row.id, reason, row.sizeBytes, row.meta.receivedAt, deps.clock.now(),
    ]);
    await insertAudit(tx, { actorKind: 'system', actorRef: 'adapter:email', action: 'mail.quarantine', target: row.id });
    return 'quarantined';
  });
}

/** A transaction for the record alone (or with a bounce); a twin that committed first makes this a duplicate. */
async function withTx(c: ReceiveContext, fn: (tx: pg.ClientBase) => Promise<ReceiveResult>): Promise<ReceiveResult> {
  try {
    return await inTransaction(c.deps.pool, fn);
  } catch (err) {
    if (isUniqueViolation(err)) return 'duplicate';
    throw err;
  }
}

async function recordOnly(c: ReceiveContext, row: InboundRow, outcome: InboundOutcome, reason: string | null): Promise<ReceiveResult> {
  return withTx(c, async (tx) => {
    await insertInbound(c.deps, tx, row, outcome, { reason });
    return outcome;
  });
}

async function bounce(c: ReceiveContext, row: InboundRow, outboundId: string, raw: Buffer): Promise<ReceiveResult> {
  const verdict = dsnVerdict(raw);
  return withTx(c, async (tx) => {
    const marked = verdict.failed ? await markOutboundFailed(c.deps, tx, outboundId, verdict, c.deps.clock.now()) : null;
    await insertInbound(c.deps, tx, row, 'bounce', { reason: verdict.status, caseId: marked?.caseId ?? null, outboundId });
    return 'bounce';
  });
}

interface Thread {
  readonly caseId: string;
  readonly caseNumber: string;
  /** whether the sender is the case's stored reporter address (blind index) */
  readonly fromReporter: boolean;
}

/** The case a signed Message-ID in In-Reply-To/References names, or null. */
async function threadedCase(c: ReceiveContext, mail: InboundMail): Promise<Thread | null> {
  const outboundId = threadedOutboundId(c.mac, mail.parentIds, c.from);
  if (outboundId === null || mail.from === null) return null;
  const r = await c.deps.pool.query<{ id: string; case_number: string; from_reporter: boolean }>(
    `SELECT c.id, c.case_number, EXISTS (SELECT 1 FROM reporters r WHERE r.case_id = c.id AND r.email_bidx = $2) AS from_reporter
       FROM mail_outbound m JOIN cases c ON c.id = m.case_id WHERE m.id = $1`,
    [outboundId, c.deps.blind.index('email', mail.from)],
  );
  const row = r.rows[0];
  return row === undefined ? null : { caseId: row.id, caseNumber: row.case_number, fromReporter: row.from_reporter };
}

/** The claimed case, when the bureau's server vouches for the sender and the sender is its reporter. */
async function subjectCase(c: ReceiveContext, mail: InboundMail, claimed: string | null): Promise<string | null> {
  if (claimed === null || mail.from === null || !trustedSender(mail.headers, c.authservId)) return null;
  const r = await c.deps.pool.query<{ id: string }>(
    'SELECT c.id FROM cases c JOIN reporters r ON r.case_id = c.id WHERE c.case_number = $1 AND r.email_bidx = $2',
    [claimed, c.deps.blind.index('email', mail.from)],
  );
  return r.rows[0]?.id ?? null;
}

async function reply(c: ReceiveContext, row: InboundRow, caseId: string, mail: InboundMail): Promise<ReceiveResult | null> {
  const files = await checkAttachments(mail.attachments, c.fileOptions);
  const refused = files.refused.length === 0 ? '' : `\n\n（未收入的附件：${files.refused.join('；')}）`;
  try {
    const added = await addReporterMessage(c.deps, caseId, `${newWordsOfReply(mail.text)}${refused}`, files.accepted, undefined, (tx) => insertInbound(c.deps, tx, row, 'reply', { caseId }));
    // A case that takes no more information: the reply becomes an inbox item claiming it.
    return added.ok ? 'reply' : null;
  } catch (err) {
    if (isUniqueViolation(err)) return 'duplicate';
    throw err;
  }
}

async function newItem(c: ReceiveContext, row: InboundRow, mail: InboundMail, claimed: string | null): Promise<ReceiveResult> {
  const { deps } = c;
  const files = await checkAttachments(mail.attachments, c.fileOptions);
  const flood = mail.from === null ? null : await floodGroup(deps, mail.from, c.floodPerHour);
  if (flood !== null) {
    try {
      // No open group yet (or the clerk has handled it): this mail opens one, below.
      if (await inTransaction(deps.pool, (tx) => joinFloodGroup(deps, tx, row, mail, flood, files))) return 'item';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }
  const details: Record<string, string> = {};
  if (mail.subject !== '') details.subject = mail.subject.slice(0, 2_000);
  if (files.refused.length > 0) details.refusedAttachments = files.refused.join('；').slice(0, 2_000);
  if (flood !== null) details.flood = '同一发件人短时间内大量来信，本小时内其后来信并入此件';
  try {
    const r = await ingestIntakeMessage(
      deps,
      {
        channel: 'email',
        externalId: row.key,
        receivedAt: row.meta.receivedAt,
        contact: mail.from,
        text: mail.text === '' && mail.subject !== '' ? mail.subject : mail.text,
        details,
        attachments: files.accepted,
        threadKey: flood,
        claimsCaseNumber: claimed,
      },
      (tx, itemId) => insertInbound(deps, tx, row, 'item', { itemId, reason: flood === null ? null : 'flood' }),
    );
    return r.created ? 'item' : 'duplicate';
  } catch (err) {
    if (isUniqueViolation(err)) return 'duplicate';
    // The inbox refused what we made of it (an address it cannot take …): keep the message for a person.
    if (err instanceof CommandError) return quarantine(c, row, 'unprocessable');
    throw err;
  }
}

export async function receiveMail(c: ReceiveContext, raw: Buffer, meta: InboundMeta): Promise<ReceiveResult> {
  const { deps } = c;
  const headerId = rawMessageId(raw);
  const key = inboundKey(deps.ring, headerId, rawSender(raw), raw);
  // A redelivery or a re-read after a crash costs one indexed read.
  if (await alreadyReceived(deps, key)) return 'duplicate';
  const id = uuidv7(deps.clock.now().getTime());
  const rawKey = await storeRaw(deps, id, raw);
  const base: Omit<InboundRow, 'from'> = { id, key, meta, sizeBytes: raw.length, messageId: headerId, rawKey };
  let result: ReceiveResult | null = null;
  try {
    const problem = structuralProblem(raw);
    let mail: InboundMail | null = null;
    if (problem === null) mail = await parseMail(raw).catch(() => null);
    if (mail === null) return (result = await quarantine(c, { ...base, from: null }, problem ?? 'unparsable'));
    const row: InboundRow = { ...base, from: mail.from };
    if (mail.from === null) return (result = await quarantine(c, row, 'no_sender'));
    try {
      result = await dispatch(c, row, mail, raw);
    } catch (err) {
      // The database or the disk failing: the message is read again later. Anything else failed on this
      // message itself and would fail forever, holding up the mailbox behind it.
      if (isInfrastructure(err)) throw err;
      result = await quarantine(c, row, 'unprocessable');
    }
    return result;
  } finally {
    // Nothing committed (or a twin did): the encrypted copy has no row to belong to.
    if (result === null || result === 'duplicate') await deps.attachments.remove(rawKey).catch(() => undefined);
  }
}

async function dispatch(c: ReceiveContext, row: InboundRow, mail: InboundMail, raw: Buffer): Promise<ReceiveResult> {
  const from = mail.from ?? '';
  // Our own mail come back (a copy, a loop): never answered, never an item.
  if (from === c.from.toLowerCase()) return recordOnly(c, row, 'own', null);
  if (looksLikeBounce(mail.headers)) {
    const verp = verpOutboundId(c.mac, mail.headers, c.from);
    return verp === null ? recordOnly(c, row, 'forged_bounce', null) : bounce(c, row, verp, raw);
  }
  // An out-of-office answer to a VERP sender is automatic mail, not a failed delivery.
  const automatic = automaticReason(mail.headers, mail.subject);
  if (automatic !== null) return recordOnly(c, row, 'automatic', automatic);
  const claimed = claimedCaseNumber(mail.subject);
  const thread = await threadedCase(c, mail);
  // Our signed id travels in every reply's References, so anyone the reporter forwarded a mail to holds
  // it: from another address it only claims the case, for the clerk to judge.
  if (thread !== null && !thread.fromReporter) return newItem(c, row, mail, thread.caseNumber);
  const caseId = thread?.caseId ?? (await subjectCase(c, mail, claimed));
  if (caseId !== null) {
    const done = await reply(c, row, caseId, mail);
    if (done !== null) return done;
    const number = await c.deps.pool.query<{ case_number: string }>('SELECT case_number FROM cases WHERE id = $1', [caseId]);
    return newItem(c, row, mail, number.rows[0]?.case_number ?? claimed);
  }
  return newItem(c, row, mail, claimed);
}
