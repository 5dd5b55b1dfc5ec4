// The typed job registry's building block: a job is a name, a handler and its queue's options.
// Payloads carry ids only: pg-boss keeps them in its tables in clear (and a marker sweep dumps
// those tables), so a job renders and decrypts what it needs from the database when it runs.
import type { Logger } from 'pino';
import type { Deps } from '../commands/deps.js';
import type { JobQueueSpec } from '../store/pgboss.js';
import type { OutboxRelay } from './outbox-relay.js';

export type JobPayloadValue = string | number | boolean | null;
export type JobPayload = Readonly<Record<string, JobPayloadValue>>;
export type NoPayload = Readonly<Record<string, never>>;

/** What a handler may use. */
export interface JobContext {
  readonly deps: Deps;
  readonly logger: Logger;
  /** Audit anchors are written beside this file. */
  readonly keyFile: string;
  /** Aborted when the runner stops: start no new unit of work, finish the one in hand. */
  readonly stopping: AbortSignal;
  readonly outbox: OutboxRelay;
}

/**
 * A job that runs every few seconds or minutes. pg-boss's cron has minute resolution, so a
 * periodic job re-enqueues itself: each run first sends the next one `everySeconds` ahead, on a
 * `stately` queue under one key, so however many nodes run, one run waits and at most one runs.
 * A runner sends a first run `firstAfterSeconds` after it starts, and once a minute re-sends the
 * next one (dropped while one waits), so a chain that ever broke is re-seeded.
 */
export interface JobSchedule {
  readonly everySeconds: number;
  readonly firstAfterSeconds: number;
}

export interface JobOptions {
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  readonly retryBackoff?: boolean;
  /** A run taking longer is failed by pg-boss (and retried if retries are left). */
  readonly expireInSeconds?: number;
  readonly schedule?: JobSchedule;
}

export interface JobDefinition<P extends JobPayload = JobPayload> {
  readonly name: string;
  readonly queue: JobQueueSpec;
  readonly schedule: JobSchedule | null;
  run(payload: P, ctx: JobContext): Promise<void>;
}

const JOB_NAME = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/u;

export function defineJob<P extends JobPayload = NoPayload>(name: string, handler: (payload: P, ctx: JobContext) => Promise<void>, options: JobOptions = {}): JobDefinition<P> {
  if (!JOB_NAME.test(name) || name.length > 60) throw new Error(`invalid job name ${name}`);
  const schedule = options.schedule ?? null;
  return {
    name,
    schedule,
    queue: {
      name,
      policy: schedule ? 'stately' : 'standard',
      retryLimit: options.retryLimit ?? 2,
      retryDelaySeconds: options.retryDelaySeconds ?? 30,
      retryBackoff: options.retryBackoff ?? true,
      expireInSeconds: options.expireInSeconds ?? 300,
    },
    run: handler,
  };
}

export class JobPayloadError extends Error {
  override readonly name = 'JobPayloadError';
}

const KEY = /^[a-z][A-Za-z0-9]{0,39}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
/** Machine codes such as an outbox kind; never digits only (a phone number is digits). */
const CODE = /^[a-z][a-z0-9_.-]{0,63}$/u;
/** Row ids; an 11-digit phone number does not fit. */
const MAX_INT = 2 ** 31 - 1;

function isIdValue(v: unknown): v is JobPayloadValue {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= MAX_INT;
  if (typeof v === 'string') return UUID.test(v) || CODE.test(v);
  return false;
}

/**
 * Refuses anything but a flat object of ids: UUIDs, lower-case codes, small integers, booleans.
 * It cannot recognise every secret, but free text, names and phone numbers do not pass.
 */
export function assertIdsOnly(payload: unknown): JobPayload {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new JobPayloadError('a job payload is a flat object of ids');
  for (const [key, value] of Object.entries(payload)) {
    if (!KEY.test(key)) throw new JobPayloadError('a job payload key must be a short camelCase name');
    if (!isIdValue(value)) throw new JobPayloadError(`job payload field ${key} is not an id`);
  }
  return payload as JobPayload;
}
