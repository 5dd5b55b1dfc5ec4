import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

// RFC 6238 as every authenticator app implements it: SHA-1, 6 digits, 30-second steps.
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
// One step either side tolerates a phone clock that is up to ~30 s off.
const WINDOW = 1;
const CODE_SHAPE = /^[0-9]{6}$/;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, account: string, issuer = 'Zhitong 直通'): string {
  const totp = new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD_SECONDS });
  return totp.toString();
}

function stepAt(now: number): number {
  return Math.floor(now / 1000 / PERIOD_SECONDS);
}

function codeForStep(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: ALGORITHM, digits: DIGITS, counter: step });
}

export function totpCodeAt(secret: string, now: number): string {
  return codeForStep(Secret.fromBase32(secret), stepAt(now));
}

export function verifyTotp(
  secret: string,
  code: string,
  now: number,
  lastUsedStep: number | null,
): { ok: true; step: number } | { ok: false } {
  // Apps show codes as "123 456"; spaces carry no meaning.
  const cleaned = code.replace(/\s/g, '');
  if (!CODE_SHAPE.test(cleaned)) return { ok: false };
  const key = Secret.fromBase32(secret);
  const given = Buffer.from(cleaned, 'utf8');
  const current = stepAt(now);
  let matched: number | null = null;
  for (let step = current - WINDOW; step <= current + WINDOW; step += 1) {
    const equal = timingSafeEqual(Buffer.from(codeForStep(key, step), 'utf8'), given);
    // A step at or before the last accepted one is a replay, even if its code is right; the latest match wins.
    if (equal && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}
