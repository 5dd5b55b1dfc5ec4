// The generic outbox relay (DESIGN §5): due rows go to the handler registered for their kind;
// success marks the row delivered, failure makes it due again after an exponential backoff, and
// the last allowed failure makes it a dead letter. Delivery is at least once: a relay that dies
// mid-send leaves its lease to run out, and the row is sent again.
import { carriesQueryCode, eraseDeliveredQueryCode } from '../commands/erase-query-code.js';
import { claimOutbox, deadLetterAbandoned, kindsWaiting, markDelivered, markFailed, releaseClaim, type ClaimedOutboxRow } from '../store/outbox.js';
import { errorTag } from './errors.js';
import { defineJob, type JobContext } from './job.js';
import { withinMs } from './within.js';

export type OutboxMessage = ClaimedOutboxRow;

/**
 * Thrown by a handler for a row whose channel has no sender on this node yet (an acknowledgement by
 * e-mail before the e-mail channel is configured): the row goes back untried and is looked at again
 * later, never spending an attempt or becoming a dead letter for want of a sender.
 */
export class DeliveryDeferred extends Error {
  override readonly name = 'DeliveryDeferred';
}

/** A failure that sending again cannot mend (a provider's refusal, a rule of ours): a dead letter at once. */
function isPermanent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { retryable?: unknown }).retryable === false;
}

/** Sends one row; throws to have it retried. Renders and decrypts from the ids in the payload. */
export type OutboxHandler = (message: OutboxMessage, ctx: JobContext) => Promise<void>;

export interface OutboxRelayOptions {
  /** Rows claimed at once, and claims per run at most. */
  readonly batchSize: number;
  readonly maxBatches: number;
  /** Attempts before a row becomes a dead letter. */
  readonly maxAttempts: number;
  /** Wait after the first failure, doubled after each further one, up to the maximum. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A handler slower than this counts as failed; the lease must outlast it. */
  readonly handlerTimeoutMs: number;
  readonly leaseMs: number;
  /** No new batch is claimed once a pass has run this long, so a pass ends within its job's expiry. */
  readonly passBudgetMs: number;
  /** How often kinds without a handler are looked for (each is logged once per process). */
  readonly waitingCheckEveryMs: number;
}

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  batchSize: 10,
  maxBatches: 5,
  maxAttempts: 10,
  baseDelayMs: 30_000,
  maxDelayMs: 60 * 60_000,
  handlerTimeoutMs: 60_000,
  // Rows a killed node held are sent again once this runs out: short, but longer than one handler's timeout.
  leaseMs: 2 * 60_000,
  passBudgetMs: 2 * 60_000,
  waitingCheckEveryMs: 10 * 60_000,
};

export interface RelayRun {
  readonly delivered: number;
  readonly failed: number;
  readonly dead: number;
  readonly deferred: number;
}

/** The wait before attempt `attempt + 1`, after `attempt` failures. */
export function retryDelayMs(attempt: number, o: Pick<OutboxRelayOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** The handler registry and the relay's memory (which waiting kinds it has already reported). */
export class OutboxRelay {
  readonly options: OutboxRelayOptions;
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly reported = new Set<string>();
  private lastWaitingCheck: number | null = null;

  constructor(options: Partial<OutboxRelayOptions> = {}) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
    if (this.options.leaseMs <= this.options.handlerTimeoutMs) throw new Error('the outbox lease must outlast the handler timeout');
  }

  /** One handler per kind; channels register their senders at start-up. */
  register(kind: string, handler: OutboxHandler): void {
    if (this.handlers.has(kind)) throw new Error(`an outbox handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  async run(ctx: JobContext): Promise<RelayRun> {
    const o = this.options;
    const db = ctx.deps.pool;
    const started = ctx.deps.clock.now();
    const abandoned = await deadLetterAbandoned(db, started, o.maxAttempts);
    if (abandoned > 0) ctx.logger.warn({ rows: abandoned }, 'outbox rows dead-lettered: their last attempt never reported back');
    await this.reportWaitingKinds(ctx, started);
    const tally = { delivered: 0, failed: 0, dead: 0, deferred: 0 };
    // A function, not the property: it changes while the loop awaits.
    const stopping = () => ctx.stopping.aborted;
    for (let batch = 0; batch < o.maxBatches && !stopping(); batch += 1) {
      const now = ctx.deps.clock.now();
      if (now.getTime() - started.getTime() > o.passBudgetMs) break;
      const rows = await claimOutbox(db, { kinds: [...this.handlers.keys()], now, leaseUntil: new Date(now.getTime() + o.leaseMs), limit: o.batchSize, maxAttempts: o.maxAttempts });
      for (const row of rows) {
        if (stopping()) {
          await releaseClaim(db, row, ctx.deps.clock.now());
          continue;
        }
        const outcome = await this.deliver(row, ctx);
        tally[outcome] += 1;
      }
      if (rows.length < o.batchSize) break;
    }
    return tally;
  }

  private async deliver(row: ClaimedOutboxRow, ctx: JobContext): Promise<keyof RelayRun> {
    const handler = this.handlers.get(row.kind);
    let failure: string | null = null;
    let permanent = false;
    try {
      if (!handler) throw new Error('no handler');
      await withinMs(handler(row, ctx), this.options.handlerTimeoutMs);
    } catch (err) {
      if (err instanceof DeliveryDeferred) {
        await releaseClaim(ctx.deps.pool, row, new Date(ctx.deps.clock.now().getTime() + this.options.waitingCheckEveryMs));
        return 'deferred';
      }
      failure = errorTag(err);
      permanent = isPermanent(err);
    }
    const now = ctx.deps.clock.now();
    if (failure === null) {
      const marked = await markDelivered(ctx.deps.pool, row, now);
      if (marked && carriesQueryCode(row.kind) && row.caseId !== null) {
        // The code has reached the reporter: its readable copy goes (the clock sweep retries a failure here).
        await eraseDeliveredQueryCode(ctx.deps, row.caseId).catch((err: unknown) => ctx.logger.warn({ outboxId: row.id, err: { type: errorTag(err) } }, 'query code not erased yet'));
      }
      return 'delivered';
    }
    const dead = permanent || row.attempt >= this.options.maxAttempts;
    const retryAt = dead ? null : new Date(now.getTime() + retryDelayMs(row.attempt, this.options));
    await markFailed(ctx.deps.pool, row, { error: failure, now, retryAt });
    const line = { outboxId: row.id, kind: row.kind, attempt: row.attempt, err: { type: failure } };
    if (dead) ctx.logger.error(line, 'outbox row dead-lettered');
    else ctx.logger.warn(line, 'outbox delivery failed; retrying later');
    return dead ? 'dead' : 'failed';
  }

  /** Rows of a kind nobody handles yet stay pending (a later channel registers it): say so once. */
  private async reportWaitingKinds(ctx: JobContext, now: Date): Promise<void> {
    if (this.lastWaitingCheck !== null && now.getTime() - this.lastWaitingCheck < this.options.waitingCheckEveryMs) return;
    this.lastWaitingCheck = now.getTime();
    for (const kind of await kindsWaiting(ctx.deps.pool, now, [...this.handlers.keys(), ...this.reported])) {
      this.reported.add(kind);
      ctx.logger.warn({ kind }, 'outbox rows wait: no handler is registered for their kind');
    }
  }
}

/**
 * Polls every two seconds: a row is sent within seconds of the commit that wrote it. The queue runs one
 * pass at a time, so a pass left `active` by a killed node holds the relay until pg-boss expires it: the
 * expiry is kept short (the pass budget plus one handler timeout), and a later pass cannot resend what a
 * live pass holds, since each row is leased.
 */
export const outboxRelayJob = defineJob('outbox.relay', async (_p, ctx) => {
  await ctx.outbox.run(ctx);
}, {
  schedule: { everySeconds: 2, firstAfterSeconds: 2 },
  retryLimit: 0,
  expireInSeconds: (DEFAULT_RELAY_OPTIONS.passBudgetMs + DEFAULT_RELAY_OPTIONS.handlerTimeoutMs) / 1000,
});
