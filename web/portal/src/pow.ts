// The proof-of-work of every public write and code-taking request (DESIGN §7.4): an ALTCHA challenge
// from the server, solved here with crypto.subtle, or with a bundled SHA-256 where a plain-HTTP page has
// no crypto.subtle. Each solution opens one request; the server refuses it a second time.
import { getJson } from './api.js';

interface Challenge {
  readonly algorithm: string;
  readonly challenge: string;
  readonly salt: string;
  readonly signature: string;
  readonly maxnumber: number;
  readonly required: boolean;
}

type Digest = (text: string) => Promise<string> | string;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function digestFunction(): Promise<Digest> {
  const subtle = typeof crypto !== 'undefined' ? (crypto.subtle as SubtleCrypto | undefined) : undefined;
  const encoder = new TextEncoder();
  if (subtle !== undefined) return async (text) => hex(new Uint8Array(await subtle.digest('SHA-256', encoder.encode(text))));
  // @noble/hashes calls Object.hasOwn (Chrome 93, Safari 15.4) as it loads; the browsers that need this
  // fallback are older than that.
  if (typeof (Object as { hasOwn?: unknown }).hasOwn !== 'function') {
    Object.defineProperty(Object, 'hasOwn', { value: (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k), configurable: true, writable: true });
  }
  // Loaded only where needed, so the first page stays small.
  const { sha256 } = await import('@noble/hashes/sha2.js');
  return (text) => hex(sha256(encoder.encode(text)));
}

async function solve(c: Challenge): Promise<number | null> {
  const digest = await digestFunction();
  for (let n = 0; n <= c.maxnumber; n++) {
    if ((await digest(c.salt + String(n))) === c.challenge) return n;
    // Lets the page repaint its "正在进行安全验证" on slow phones.
    if (n % 5000 === 4999) await new Promise((r) => setTimeout(r, 0));
  }
  return null;
}

/** The `X-Zhitong-Pow` header for one request, or no header when the bureau switched the check off. */
export async function powHeader(): Promise<Record<string, string>> {
  const c = await getJson<Challenge>('/api/v1/public/challenge');
  if (!c.required) return {};
  const number = await solve(c);
  if (number === null) return {};
  const payload = JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature });
  return { 'x-zhitong-pow': btoa(payload) };
}
