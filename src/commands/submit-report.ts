// A report becomes a registered case: from the portal, or registered by a clerk from a call, a letter,
// the report box, a visit or a transfer. Everything commits in one statement (one round trip after
// the number is drawn).
import type { Channel, CodeDelivery } from '../domain/channels.js';
import { nextCaseNumber, yearIn } from './case-number.js';
import { callForNewCase, linkCallsToCase } from './cti/link-call.js';
import { inTransaction, type Deps } from './deps.js';
import type { StoredIdempotency } from './idempotency.js';
import { insertCase } from './new-case-insert.js';
import { prepareCase, storeFiles, type AttachmentInput, type ReportInput, type StaffActor } from './new-case.js';

export type { AttachmentInput, ReporterInput, ReportInput, StaffActor, SubjectInput } from './new-case.js';

/**
 * The code is on the result only when someone is to read it from the screen; otherwise it waits,
 * encrypted, for the acknowledgement named by `codeDelivery`.
 */
export type SubmitResult = { readonly caseId: string; readonly caseNumber: string } & (
  | { readonly queryCode: string; readonly codeDelivery: null }
  | { readonly queryCode: null; readonly codeDelivery: CodeDelivery }
);

export interface SubmitOptions {
  readonly channel: Channel;
  /** Drawn by the caller's admission step on the public path; drawn here otherwise. */
  readonly caseNumber?: string;
  /** Staff registration: when the item reached the bureau (never later than now; checked at the edge). */
  readonly receivedAt?: Date;
  /** Staff registration: caller number, postmark, box opening, visit record or transfer, kept encrypted. */
  readonly channelDetails?: Readonly<Record<string, unknown>>;
  /** Staff registration: the clerk, for the timeline and the audit trail. */
  readonly actor?: StaffActor;
  /** Staff registration from a hotline call: its row is linked and its recordings become files of the case. */
  readonly callId?: string | undefined;
  /** Stored with the case in the same statement, so a retry after a crash finds the answer. */
  readonly idempotency?: (result: SubmitResult) => StoredIdempotency;
}

export function resultOf(caseId: string, caseNumber: string, queryCode: string, delivery: CodeDelivery | null): SubmitResult {
  return delivery ? { caseId, caseNumber, queryCode: null, codeDelivery: delivery } : { caseId, caseNumber, queryCode, codeDelivery: null };
}

export async function submitReport(deps: Deps, input: ReportInput, files: readonly AttachmentInput[], opts: SubmitOptions): Promise<SubmitResult> {
  const now = deps.clock.now();
  const caseNumber = opts.caseNumber ?? (await nextCaseNumber(deps.pool, { ...deps.caseNumber, timezone: deps.timezone }, now));
  const stored = await storeFiles(deps, files, yearIn(deps.timezone, now), now);
  const origin = { channel: opts.channel, receivedAt: opts.receivedAt, channelDetails: opts.channelDetails, actor: opts.actor };
  try {
    const { callId } = opts;
    if (callId !== undefined) {
      // The call's row, its recordings and the case commit together (one transaction instead of one statement).
      return await inTransaction(deps.pool, async (tx) => {
        const link = await callForNewCase(deps, tx, callId);
        const prepared = prepareCase(deps, input, origin, caseNumber, [...stored, ...(link?.recordings ?? [])]);
        const result = resultOf(prepared.row.id, caseNumber, prepared.queryCode, prepared.delivery);
        await insertCase(tx, prepared, opts.idempotency?.(result));
        if (link) await linkCallsToCase(tx, [link], prepared.row.id);
        return result;
      });
    }
    const prepared = prepareCase(deps, input, origin, caseNumber, stored);
    const result = resultOf(prepared.row.id, caseNumber, prepared.queryCode, prepared.delivery);
    await insertCase(deps.pool, prepared, opts.idempotency?.(result));
    return result;
  } catch (err) {
    await Promise.all(stored.map((f) => deps.attachments.remove(f.storage_key)));
    throw err;
  }
}
