import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { PASSWORD_BLOCKLIST } from './password-blocklist.js';

export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

// OWASP's argon2id recommendation: 19 MiB, two passes, one lane.
export const PRODUCTION_COST: PasswordCost = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const TEST_COST: PasswordCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export type PasswordProblem = 'too_short' | 'too_long' | 'too_few_classes' | 'contains_username' | 'blocklisted';

// The library's Algorithm is an ambient const enum that isolatedModules cannot read; its default is argon2id, checked below.
const ARGON2ID_PREFIX = '$argon2id$';

function dummyHash(cost: PasswordCost): string {
  // Only the parameters matter: verifying against it costs the same as a real hash and can never succeed.
  const salt = Buffer.alloc(16, 0x5a).toString('base64').replace(/=+$/, '');
  const digest = Buffer.alloc(32, 0xa5).toString('base64').replace(/=+$/, '');
  return `$argon2id$v=19$m=${cost.memoryCost},t=${cost.timeCost},p=${cost.parallelism}$${salt}$${digest}`;
}

export class PasswordHasher {
  readonly #cost: PasswordCost;
  readonly #maxConcurrent: number;
  readonly #dummy: string;
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;

  constructor(opts: { cost: PasswordCost; maxConcurrent: number }) {
    if (!Number.isInteger(opts.maxConcurrent) || opts.maxConcurrent < 1) throw new RangeError('maxConcurrent must be a positive integer');
    this.#cost = { ...opts.cost };
    this.#maxConcurrent = opts.maxConcurrent;
    this.#dummy = dummyHash(this.#cost);
  }

  /** Hashes currently running; for tests and metrics. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Calls waiting for a slot; for tests and metrics. */
  get queued(): number {
    return this.#waiting.length;
  }

  async hash(pw: string): Promise<string> {
    const { memoryCost, timeCost, parallelism } = this.#cost;
    const encoded = await this.#limited(() => argonHash(pw, { memoryCost, timeCost, parallelism }));
    if (!encoded.startsWith(ARGON2ID_PREFIX)) throw new Error('argon2 produced a hash that is not argon2id');
    return encoded;
  }

  async verify(hash: string | null, pw: string): Promise<boolean> {
    if (hash === null) {
      // Unknown users pay the same price as known ones, so timing does not reveal which usernames exist.
      await this.#limited(() => argonVerify(this.#dummy, pw));
      return false;
    }
    return this.#limited(() => argonVerify(hash, pw));
  }

  async #limited<T>(work: () => Promise<T>): Promise<T> {
    // Each argon2 call holds ~19 MiB and a libuv thread; an unbounded login flood would exhaust both.
    if (this.#inFlight >= this.#maxConcurrent) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#inFlight += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so inFlight never dips and a newcomer cannot jump the queue.
      if (next) next();
      else this.#inFlight -= 1;
    }
  }
}

const MIN_LENGTH = 12;
const MAX_LENGTH = 128;
const MIN_CLASSES = 3;
// Shorter blocklisted words appear inside good passwords by chance; they count only when the rest is short.
const CONTAINMENT_MIN_WORD = 6;
const SHORT_WORD_MAX_REST = 8;
// Names this short would turn the containment rule into noise.
const MIN_NAME_LENGTH = 3;

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i' };

function codePoints(s: string): number {
  let count = 0;
  for (const _ of s) count += 1;
  return count;
}

function characterClasses(pw: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let symbol = false;
  for (const ch of pw) {
    if (/\p{Ll}/u.test(ch)) lower = true;
    else if (/\p{Lu}/u.test(ch)) upper = true;
    else if (/\p{Nd}/u.test(ch)) digit = true;
    // Everything else, including caseless scripts such as Chinese, widens the alphabet like a symbol does.
    else symbol = true;
  }
  return [lower, upper, digit, symbol].filter(Boolean).length;
}

function isBlocklisted(pw: string): boolean {
  const whole = pw.toLowerCase();
  const lettersOnly = whole.replace(/[^\p{L}]/gu, '');
  const unleeted = whole.replace(/[013457@$!]/g, (ch) => LEET[ch] ?? ch);
  const candidates = [whole, lettersOnly, unleeted];
  return PASSWORD_BLOCKLIST.some((word) =>
    candidates.some((candidate) => {
      if (candidate === word) return true;
      if (!candidate.includes(word)) return false;
      if (codePoints(word) >= CONTAINMENT_MIN_WORD) return true;
      return codePoints(candidate.split(word).join('')) < SHORT_WORD_MAX_REST;
    }),
  );
}

function containsName(pw: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  const needle = name.toLowerCase().replace(/\s+/g, '');
  return codePoints(needle) >= MIN_NAME_LENGTH && pw.toLowerCase().replace(/\s+/g, '').includes(needle);
}

export function checkPasswordPolicy(pw: string, context: { username: string; displayName?: string }): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = codePoints(pw);
  if (length < MIN_LENGTH) problems.push('too_short');
  if (length > MAX_LENGTH) problems.push('too_long');
  if (characterClasses(pw) < MIN_CLASSES) problems.push('too_few_classes');
  if (containsName(pw, context.username) || containsName(pw, context.displayName)) problems.push('contains_username');
  if (isBlocklisted(pw)) problems.push('blocklisted');
  return problems;
}
