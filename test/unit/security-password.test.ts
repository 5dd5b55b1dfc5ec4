import { describe, expect, it } from 'vitest';
import { PASSWORD_BLOCKLIST } from '../../src/security/password-blocklist.js';
import { checkPasswordPolicy, PasswordHasher, PRODUCTION_COST, TEST_COST } from '../../src/security/password.js';

const user = { username: 'zhangsan', displayName: 'Zhang San' };

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ cost: TEST_COST, maxConcurrent: 2 });

  it('hashes with argon2id at the configured cost and verifies', async () => {
    const hash = await hasher.hash('Correct-Horse-42');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(hash, 'Correct-Horse-42')).toBe(true);
    expect(await hasher.verify(hash, 'correct-horse-42')).toBe(false);
    expect(await hasher.hash('Correct-Horse-42')).not.toBe(hash);
  });

  it('does argon2 work for an unknown user and still says no', async () => {
    const before = hasher.inFlight;
    const pending = hasher.verify(null, 'Correct-Horse-42');
    // The dummy verification takes a slot exactly like a real one.
    expect(hasher.inFlight).toBe(before + 1);
    expect(await pending).toBe(false);
  });

  it('never runs more than maxConcurrent hashes at once and finishes them all', async () => {
    const bounded = new PasswordHasher({ cost: TEST_COST, maxConcurrent: 2 });
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, bounded.inFlight); }, 0);
    const work = Array.from({ length: 10 }, (_, i) => bounded.hash(`Password-number-${i}`));
    peak = Math.max(peak, bounded.inFlight);
    expect(bounded.inFlight).toBe(2);
    expect(bounded.queued).toBe(8);
    const hashes = await Promise.all(work);
    clearInterval(timer);
    expect(peak).toBe(2);
    expect(bounded.inFlight).toBe(0);
    expect(new Set(hashes).size).toBe(10);
    expect(await bounded.verify(hashes[9]!, 'Password-number-9')).toBe(true);
  });

  it('releases the slot when argon2 fails', async () => {
    const bounded = new PasswordHasher({ cost: TEST_COST, maxConcurrent: 1 });
    await expect(bounded.verify('not a hash', 'x')).rejects.toThrow();
    expect(bounded.inFlight).toBe(0);
    expect(await bounded.verify(await bounded.hash('abc'), 'abc')).toBe(true);
  });

  it('uses the OWASP production cost', () => {
    expect(PRODUCTION_COST).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(() => new PasswordHasher({ cost: TEST_COST, maxConcurrent: 0 })).toThrow(RangeError);
  });
});

describe('checkPasswordPolicy', () => {
  it('passes a strong password', () => {
    expect(checkPasswordPolicy('Tiger-Lantern-1987', user)).toEqual([]);
    expect(checkPasswordPolicy('晴天小马过河春江花月Ab3', user)).toEqual([]);
  });

  it('counts length in code points', () => {
    expect(checkPasswordPolicy('Ab1!Ab1!Ab1', user)).toContain('too_short');
    expect(checkPasswordPolicy('马'.repeat(10) + 'A', user)).toContain('too_short');
    expect(checkPasswordPolicy('𠀀'.repeat(10) + 'Ab1', user)).not.toContain('too_short');
    expect(checkPasswordPolicy('Ab1!'.repeat(32), user)).not.toContain('too_long');
    expect(checkPasswordPolicy('Ab1!'.repeat(32) + 'x', user)).toContain('too_long');
  });

  it('needs three of lower, upper, digit and symbol', () => {
    expect(checkPasswordPolicy('tigerlanternbridge', user)).toContain('too_few_classes');
    expect(checkPasswordPolicy('tigerlantern1987', user)).toContain('too_few_classes');
    expect(checkPasswordPolicy('tiger-lantern-1987', user)).not.toContain('too_few_classes');
    expect(checkPasswordPolicy('TigerLantern1987', user)).not.toContain('too_few_classes');
  });

  it('refuses the username and display name in any case', () => {
    expect(checkPasswordPolicy('My-ZhangSan-1987', user)).toContain('contains_username');
    expect(checkPasswordPolicy('Zhang San-Tiger-1', { username: 'abc123x', displayName: 'Zhang San' })).toContain('contains_username');
    expect(checkPasswordPolicy('Tiger-Lantern-1987', { username: 'li' })).toEqual([]);
  });

  it('refuses blocklisted and bureau words, alone, padded or in leetspeak', () => {
    expect(checkPasswordPolicy('123456789012', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Password-2024!', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('P@ssw0rd-2024', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Gongan#110#2024', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Jingcha@Beijing9', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('QWERTYUIOP!1a', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Zhitong-Admin1', user)).toContain('blocklisted');
  });

  it('counts short bureau words only when little else is in the password', () => {
    expect(checkPasswordPolicy('12389-Ab!xy', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Ab12389!', user)).toContain('blocklisted');
    expect(checkPasswordPolicy('Tiger-Lantern-12389', user)).not.toContain('blocklisted');
    expect(checkPasswordPolicy('Dcd-Tiger-Lantern7', user)).not.toContain('blocklisted');
  });

  it('keeps the blocklist lowercase and free of duplicates', () => {
    for (const word of PASSWORD_BLOCKLIST) expect(word).toBe(word.toLowerCase());
    expect(new Set(PASSWORD_BLOCKLIST).size).toBe(PASSWORD_BLOCKLIST.length);
    expect(PASSWORD_BLOCKLIST.length).toBeGreaterThanOrEqual(100);
  });
});
