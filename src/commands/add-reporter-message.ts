// The reporter adds information to their case: message, its files, timeline, audit and outbox in one
// transaction. The files are encrypted and stored first, the way a public report stores them (new-case.ts),
// bound to the message; if the transaction does not commit (or the case no longer takes information) they
// are removed again.
import type pg from 'pg';
import type { CaseState } from '../domain/case-states.js';
import { transitionFor } from '../domain/lifecycle.js';
import type { OutboxKind } from '../domain/outbox-kinds.js';
import { caseDigest } from '../security/audit-digest.js';
import { insertAudit } from '../store/audit-rows.js';
import { CASE_COLUMNS, caseRowOf, type CaseDbRow } from '../store/case-row.js';
import { attachmentChild, canonicalStateBytes, loadChildren, messageChild, type AttachmentState, type MessageState } from '../store/case-state.js';
import { yearIn } from './case-number.js';
import type { StoredIdempotency } from './idempotency.js';
import { inTransaction, type Deps } from './deps.js';
import { uuidv7 } from './ids.js';
import { storeFiles, type AttachmentInput } from './new-case.js';

const MESSAGE_KIND: OutboxKind = 'case.reporter_message';

export type AddMessageOutcome = { ok: true } | { ok: false; state: CaseState };

/**
 * `idempotency`: the key's row, written in the message's own transaction so a retry finds it or nothing.
 * `alsoWrite`: a channel's record of what it received (an e-mail's mail_inbound row), in the same transaction.
 */
export async function addReporterMessage(
  deps: Deps,
  caseId: string,
  text: string,
  files: readonly AttachmentInput[] = [],
  idempotency?: StoredIdempotency,
  alsoWrite?: (tx: pg.ClientBase, messageId: string) => Promise<void>,
): Promise<AddMessageOutcome> {
  const now = deps.clock.now();
  const id = uuidv7(now.getTime());
  const attachments: AttachmentState[] = (await storeFiles(deps, files, yearIn(deps.timezone, now), now)).map((a) => ({ ...a, message_id: id }));
  let kept = false;
  try {
    const outcome = await inTransaction(deps.pool, async (tx): Promise<AddMessageOutcome> => {
      const added = await insertReporterMessage(deps, tx, caseId, id, text, attachments, now);
      if (!added.ok) return added;
      await alsoWrite?.(tx, id);
      if (idempotency) {
        await tx.query(
          'INSERT INTO idempotency_keys (scope, key_hash, request_hash, status_code, response_enc, created_at, expires_at) VALUES ($1, $2, $3, 201, $4, $5, $6)',
          [idempotency.scope, idempotency.keyHash, idempotency.requestHash, idempotency.responseEnc, now, idempotency.expiresAt],
        );
      }
      return { ok: true };
    });
    kept = outcome.ok;
    return outcome;
  } finally {
    if (!kept) await Promise.all(attachments.map((a) => deps.attachments.remove(a.storage_key).catch(() => undefined)));
  }
}

/**
 * The message, its files, timeline, audit and outbox row in the caller's transaction (a channel that
 * stores its own record first, like a WeChat push). `{ ok: false }`: the case takes no more information.
 */
export async function insertReporterMessage(deps: Deps, tx: pg.ClientBase, caseId: string, id: string, text: string, attachments: readonly AttachmentState[], now: Date): Promise<AddMessageOutcome> {
  const found = (await tx.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId])).rows[0];
  if (!found) throw new Error('case vanished between resolve and write');
  const row = caseRowOf(found);
  const state = row.state as CaseState;
  if (!transitionFor(state, 'add_information', 'reporter')) return { ok: false, state };
  const message: MessageState = { id, direction: 'from_reporter', author_user_id: null, body_enc: deps.cipher.encrypt({ table: 'messages', column: 'body_enc', rowId: id }, text) };
  // The digest covers the children as they will be, the new message and its files included.
  const children = [...((await loadChildren(tx, [caseId])).get(caseId) ?? []), messageChild(message), ...attachments.map(attachmentChild)];
  await tx.query('INSERT INTO messages (id, case_id, direction, body_enc, created_at) VALUES ($1, $2, $3, $4, $5)', [id, caseId, message.direction, message.body_enc, now]);
  await insertMessageFiles(tx, caseId, id, attachments, now);
  await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, public) VALUES ($1, $2, 'add_information', 'reporter', true)`, [caseId, now]);
  await insertAudit(tx, { actorKind: 'reporter', action: 'case.add_information', caseId, target: id, caseDigest: caseDigest(deps.ring, canonicalStateBytes(row, children)) });
  await tx.query(`INSERT INTO outbox (kind, case_id, payload, created_at, available_at) VALUES ($1, $2, $3, $4, $4)`, [MESSAGE_KIND, caseId, JSON.stringify({ caseId, messageId: id }), now]);
  return { ok: true };
}

async function insertMessageFiles(tx: pg.ClientBase, caseId: string, messageId: string, files: readonly AttachmentState[], now: Date): Promise<void> {
  for (const a of files) {
    await tx.query(
      `INSERT INTO attachments (id, case_id, message_id, name_enc, media_type, size_bytes, fingerprint, origin, storage_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8, $9, $10)`,
      [a.id, caseId, messageId, a.name_enc, a.media_type, a.size_bytes, a.fingerprint, a.origin, a.storage_key, now],
    );
  }
}

/**
 * Files that arrive after their message (a WeChat photo fetched once the text line was on the case): bound
 * to that message, with timeline and audit (the digest of the case as it now is), in the caller's transaction.
 */
export async function attachToReporterMessage(deps: Deps, tx: pg.ClientBase, caseId: string, messageId: string, files: readonly AttachmentState[], now: Date): Promise<void> {
  const found = (await tx.query<CaseDbRow>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId])).rows[0];
  if (!found) throw new Error('case vanished under its message');
  const row = caseRowOf(found);
  const bound = files.map((f) => ({ ...f, message_id: messageId }));
  const children = [...((await loadChildren(tx, [caseId])).get(caseId) ?? []), ...bound.map(attachmentChild)];
  await insertMessageFiles(tx, caseId, messageId, bound, now);
  await tx.query(`INSERT INTO timeline (case_id, at, event, actor_kind, public) VALUES ($1, $2, 'add_information', 'reporter', true)`, [caseId, now]);
  await insertAudit(tx, { actorKind: 'reporter', action: 'case.add_information', caseId, target: `message:${messageId}`, caseDigest: caseDigest(deps.ring, canonicalStateBytes(row, children)) });
}
