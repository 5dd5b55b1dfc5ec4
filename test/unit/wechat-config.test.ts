// WeChat settings (issue 8): off without an AppID; secure mode and the official API host by default; other
// modes and hosts are test-and-demo switches refused on a public server; the previous key needs its date.
import { describe, expect, it } from 'vitest';
import { ConfigError, assertSwitchesAllowed, loadConfig, weakenedSwitches } from '../../src/config.js';

const account = { ZHITONG_WECHAT_APPID: 'wx2c2769f8efd9abc2', ZHITONG_WECHAT_TOKEN: 'spamtest', ZHITONG_WECHAT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

describe('WeChat configuration', () => {
  it('is off without an AppID', () => {
    expect(loadConfig({}).wechat).toBeNull();
  });

  it('defaults to secure mode on the official API host, which are no weakened switches', () => {
    const c = loadConfig(account);
    expect(c.wechat).toMatchObject({ appId: 'wx2c2769f8efd9abc2', mode: 'secure', previousAesKey: null, conversationMs: 30 * 60_000 });
    expect(c.wechat?.apiBase.href).toBe('https://api.weixin.qq.com/');
    expect(weakenedSwitches(c)).toEqual([]);
  });

  it('counts plaintext mode and another API base as test switches, refused off loopback', () => {
    const c = loadConfig({ ...account, ZHITONG_WECHAT_MODE: 'plaintext', ZHITONG_WECHAT_API_BASE: 'http://127.0.0.1:8999', HOST: '0.0.0.0' });
    expect(weakenedSwitches(c)).toEqual(['ZHITONG_WECHAT_MODE=plaintext', 'ZHITONG_WECHAT_API_BASE≠official']);
    expect(() => assertSwitchesAllowed(c)).toThrow(ConfigError);
  });

  it('counts another API base even without an account in the environment, since a console-set account would use it', () => {
    const c = loadConfig({ ZHITONG_WECHAT_API_BASE: 'http://127.0.0.1:8999', HOST: '0.0.0.0' });
    expect(c.wechat).toBeNull();
    expect(weakenedSwitches(c)).toEqual(['ZHITONG_WECHAT_API_BASE≠official']);
    expect(() => assertSwitchesAllowed(c)).toThrow(ConfigError);
  });

  it('keeps the previous key for 72 hours after the rotation it names, and needs that date', () => {
    const c = loadConfig({ ...account, ZHITONG_WECHAT_AES_KEY_PREVIOUS: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', ZHITONG_WECHAT_AES_KEY_ROTATED_AT: '2026-11-30T08:00:00+08:00' });
    expect(c.wechat?.previousAesKey?.until.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(() => loadConfig({ ...account, ZHITONG_WECHAT_AES_KEY_PREVIOUS: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' })).toThrow(/ROTATED_AT/u);
    expect(() => loadConfig({ ...account, ZHITONG_WECHAT_AES_KEY: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZHITONG_WECHAT_APPID: 'wx2c2769f8efd9abc2' })).toThrow(/TOKEN/u);
  });
});
