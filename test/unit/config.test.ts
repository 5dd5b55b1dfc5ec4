import { describe, expect, it } from 'vitest';
import { ConfigError, assertSwitchesAllowed, loadConfig, weakenedSwitches } from '../../src/config.js';

describe('configuration', () => {
  it('defaults to loopback on port 3000 with every protection on', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.pow.enabled).toBe(true);
    expect(c.require2fa).toBe(true);
    expect(weakenedSwitches(c)).toEqual([]);
  });

  it('refuses test-and-demo switches off loopback unless ZHITONG_DEMO is set', () => {
    const open = loadConfig({ HOST: '0.0.0.0', ZHITONG_POW: 'off', ZHITONG_REQUIRE_2FA: 'off' });
    expect(() => assertSwitchesAllowed(open)).toThrow(ConfigError);
    expect(() => assertSwitchesAllowed(open)).toThrow(/ZHITONG_POW=off, ZHITONG_REQUIRE_2FA=off/);
    expect(() => assertSwitchesAllowed(loadConfig({ HOST: '0.0.0.0', ZHITONG_POW: 'off', ZHITONG_DEMO: '1' }))).not.toThrow();
    expect(() => assertSwitchesAllowed(loadConfig({ HOST: '127.0.0.1', ZHITONG_ARGON2: 'low' }))).not.toThrow();
  });

  it('runs the jobs in the serving process unless ZHITONG_JOBS is off', () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ ZHITONG_JOBS: 'off' }).jobs).toBe(false);
    expect(loadConfig({ ZHITONG_JOBS: '1' }).jobs).toBe(true);
    expect(() => loadConfig({ ZHITONG_JOBS: 'sometimes' })).toThrow(/Invalid setting ZHITONG_JOBS/);
  });

  it('takes trusted proxies as a list of addresses', () => {
    expect(loadConfig({ ZHITONG_TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2' }).trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('names the bad setting in one sentence', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/Invalid setting PORT/);
  });

  it('removes secrets from process.env once read', () => {
    process.env.DATABASE_URL = 'postgres://u:secret@127.0.0.1/db';
    const c = loadConfig();
    expect(c.databaseUrl).toContain('secret');
    expect(process.env.DATABASE_URL).toBeUndefined();
  });
});

describe('client identity for limits', () => {
  it('treats an IPv6 /64 as one client and keeps IPv4 addresses whole', async () => {
    const { clientNetwork } = await import('../../src/http/client.js');
    expect(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::ffff:10.0.0.7')).toBe('10.0.0.7');
    expect(clientNetwork('10.0.0.7')).toBe('10.0.0.7');
  });
});
