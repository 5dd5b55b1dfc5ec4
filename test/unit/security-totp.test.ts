import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpCodeAt, totpUri, verifyTotp } from '../../src/security/totp.js';

const secret = newTotpSecret();
const t = Date.UTC(2025, 0, 1, 8, 0, 10);
const stepOf = (ms: number): number => Math.floor(ms / 30_000);

describe('TOTP', () => {
  it('makes 20-byte base32 secrets and an otpauth URI for authenticator apps', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(totpUri(secret, 'zhangsan'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Zhitong 直通');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
  });

  it('matches the RFC 6238 SHA-1 test vector', () => {
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCodeAt(rfcSecret, 59_000)).toBe('287082');
    expect(totpCodeAt(rfcSecret, 1_111_111_109_000)).toBe('081804');
  });

  it('accepts the code at t and within one step either side', () => {
    const code = totpCodeAt(secret, t);
    expect(verifyTotp(secret, code, t, null)).toEqual({ ok: true, step: stepOf(t) });
    expect(verifyTotp(secret, code, t + 30_000, null)).toEqual({ ok: true, step: stepOf(t) });
    expect(verifyTotp(secret, code, t - 30_000, null)).toEqual({ ok: true, step: stepOf(t) });
    expect(verifyTotp(secret, code.slice(0, 3) + ' ' + code.slice(3), t, null).ok).toBe(true);
  });

  it('rejects a replay of the same step and any older step', () => {
    const code = totpCodeAt(secret, t);
    const first = verifyTotp(secret, code, t, null);
    expect(first.ok).toBe(true);
    const lastUsed = first.ok ? first.step : -1;
    expect(verifyTotp(secret, code, t + 5_000, lastUsed)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCodeAt(secret, t - 30_000), t, lastUsed)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCodeAt(secret, t + 30_000), t + 30_000, lastUsed).ok).toBe(true);
  });

  it('rejects codes outside the window, wrong codes and malformed input', () => {
    expect(verifyTotp(secret, totpCodeAt(secret, t - 60_000), t, null)).toEqual({ ok: false });
    expect(verifyTotp(secret, totpCodeAt(secret, t + 60_000), t, null)).toEqual({ ok: false });
    const code = totpCodeAt(secret, t);
    const wrong = ((Number(code) + 1) % 1_000_000).toString().padStart(6, '0');
    expect(verifyTotp(secret, wrong, t, null)).toEqual({ ok: false });
    for (const bad of ['', '12345', '1234567', 'abcdef', code + '0']) expect(verifyTotp(secret, bad, t, null)).toEqual({ ok: false });
  });
});
