// WeChat's message crypto against the published vectors (channels.md §1.3) and against @wecom/crypto, an
// independent implementation: what WeChat encrypts we open, what we encrypt WeChat opens, pads up to 32.
import { decrypt as wecomDecrypt, encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { aesKeyOf, decryptMessage, encryptMessage, signatureMatches, wechatSignature } from '../../src/channels/wechat/crypto.js';

const V1 = {
  token: 'spamtest',
  key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

describe('WeChat signatures', () => {
  it('matches the documented URL verification and push examples', () => {
    expect(wechatSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
    expect(wechatSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(wechatSignature(V1.token, V1.timestamp, V1.nonce)).toBe('16120ec1b8dbb870f510d87ce6bc2463eae6ca1a');
    expect(wechatSignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt)).toBe('5d197aaffba7e9b25a30732f161a50dee96bd5fa');
  });

  it('compares in constant time and treats malformed signatures as no match', () => {
    expect(signatureMatches('16120EC1B8DBB870F510D87CE6BC2463EAE6CA1A', V1.token, V1.timestamp, V1.nonce)).toBe(true);
    expect(signatureMatches('16120ec1b8dbb870f510d87ce6bc2463eae6ca1b', V1.token, V1.timestamp, V1.nonce)).toBe(false);
    expect(signatureMatches('not-hex', V1.token, V1.timestamp, V1.nonce)).toBe(false);
  });
});

describe('WeChat message crypto', () => {
  const key = aesKeyOf(V1.key);

  it('opens the official sample and re-encrypts it byte for byte with its random', () => {
    const xml = decryptMessage(key, V1.encrypt, V1.appId);
    expect(xml).toContain('<Content><![CDATA[abcdteT]]></Content>');
    expect(xml).toContain('<MsgId>6054768590064713728</MsgId>');
    expect(encryptMessage(key, xml ?? '', V1.appId, Buffer.from('89465c840c5f116f'))).toBe(V1.encrypt);
  });

  it('encrypts the Java sample with Chinese text to the published ciphertext', () => {
    expect(encryptMessage(key, '我是中文abcd123', 'wxb11529c136998cb6', Buffer.from('aaaabbbbccccdddd'))).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
  });

  it('agrees with @wecom/crypto in both directions for every pad value from 1 to 32', () => {
    const pads = new Set<number>();
    for (let n = 0; n < 40; n++) {
      const message = `<xml><Content><![CDATA[${'举'.repeat(n % 7)}${'a'.repeat(n)}]]></Content></xml>`;
      const ours = encryptMessage(key, message, V1.appId);
      expect(wecomDecrypt(V1.key, ours)).toMatchObject({ message, id: V1.appId });
      const theirs = wecomEncrypt(V1.key, message, V1.appId);
      expect(decryptMessage(key, theirs, V1.appId)).toBe(message);
      const plainLength = 20 + Buffer.byteLength(message) + V1.appId.length;
      pads.add(32 - (plainLength % 32));
    }
    // Node's own padding would fail every pad above 16; these cover both halves.
    expect([...pads].some((p) => p > 16)).toBe(true);
    expect([...pads].some((p) => p <= 16)).toBe(true);
  });

  it('refuses another AppID, a truncated text, bad base64 and a wrong key', () => {
    const theirs = wecomEncrypt(V1.key, '<xml/>', 'wxffffffffffffffff');
    expect(decryptMessage(key, theirs, V1.appId)).toBeNull();
    expect(decryptMessage(key, V1.encrypt.slice(0, 64), V1.appId)).toBeNull();
    expect(decryptMessage(key, '***', V1.appId)).toBeNull();
    expect(decryptMessage(aesKeyOf('kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'), V1.encrypt, V1.appId)).toBeNull();
    expect(getSignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt)).toBe(wechatSignature(V1.token, V1.timestamp, V1.nonce, V1.encrypt));
  });
});
