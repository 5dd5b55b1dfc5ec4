// Opening a message push (channels.md §1.2–§1.5): the URL signature over token, timestamp and nonce first,
// then a fresh timestamp, then (encrypted modes) msg_signature over the Encrypt text, decryption with the
// current key or the previous one within its grace, and the AppID tail. Every failure is the same `null`,
// so the route answers every refusal alike. Plaintext is read only when the configured mode allows it,
// and compatible mode trusts the Encrypt element alone.
import type { WechatConfig } from '../../config-wechat.js';
import { aesKeyOf, decryptMessage, signatureMatches } from './crypto.js';
import { inboundOf, type WechatInbound } from '../../domain/wechat/inbound-message.js';
import { parseWechatXml } from './xml.js';

export const MAX_PUSH_BYTES = 64 * 1024;
/** WeChat's clock and ours may differ a little; a replay from later is refused by the replay cache. */
export const TIMESTAMP_SKEW_SECONDS = 300;

export interface PushQuery {
  readonly signature?: string | undefined;
  readonly timestamp?: string | undefined;
  readonly nonce?: string | undefined;
  readonly encrypt_type?: string | undefined;
  readonly msg_signature?: string | undefined;
}

export interface OpenedPush {
  readonly message: WechatInbound;
  /** The key that opened it, for an encrypted reply; null for plaintext. */
  readonly replyKey: Buffer | null;
  readonly timestamp: string;
  readonly nonce: string;
  /** The replay cache's key material: one push, one use. */
  readonly replayMaterial: string;
}

const DIGITS = /^\d{1,12}$/u;
const NONCE = /^[A-Za-z0-9]{1,64}$/u;

/** The URL check alone (also the echostr verification of GET). */
export function urlSignatureValid(config: WechatConfig, q: PushQuery): q is PushQuery & { signature: string; timestamp: string; nonce: string } {
  if (q.signature === undefined || q.timestamp === undefined || q.nonce === undefined) return false;
  if (!DIGITS.test(q.timestamp) || !NONCE.test(q.nonce)) return false;
  return signatureMatches(q.signature, config.token, q.timestamp, q.nonce);
}

export function timestampFresh(timestamp: string, now: Date): boolean {
  return Math.abs(Number(timestamp) - Math.floor(now.getTime() / 1000)) <= TIMESTAMP_SKEW_SECONDS;
}

function keysAt(config: WechatConfig, now: Date): Buffer[] {
  const keys: Buffer[] = [];
  if (config.aesKey !== null) keys.push(aesKeyOf(config.aesKey));
  if (config.previousAesKey !== null && now.getTime() < config.previousAesKey.until.getTime()) keys.push(aesKeyOf(config.previousAesKey.key));
  return keys;
}

function decrypted(config: WechatConfig, encrypt: string, now: Date): { xml: string; key: Buffer } | null {
  for (const key of keysAt(config, now)) {
    const xml = decryptMessage(key, encrypt, config.appId);
    if (xml !== null) return { xml, key };
  }
  return null;
}

export function openPush(config: WechatConfig, q: PushQuery, body: string, now: Date): OpenedPush | null {
  if (Buffer.byteLength(body, 'utf8') > MAX_PUSH_BYTES) return null;
  if (!urlSignatureValid(config, q) || !timestampFresh(q.timestamp, now)) return null;
  const parsed = parseWechatXml(body);
  if (parsed === null) return null;
  const outer = parsed.fields;
  const replayMaterial = `${q.timestamp}\u0000${q.nonce}\u0000${q.signature}`;
  if (q.encrypt_type === 'aes') {
    if (config.mode === 'plaintext') return null;
    // Secure mode: the message must not also have crossed the internet in clear (a compatible-mode body).
    if (config.mode === 'secure' && Object.keys(outer).some((k) => k !== 'ToUserName' && k !== 'Encrypt')) return null;
    const encrypt = outer.Encrypt;
    if (encrypt === undefined || q.msg_signature === undefined) return null;
    if (!signatureMatches(q.msg_signature, config.token, q.timestamp, q.nonce, encrypt)) return null;
    const opened = decrypted(config, encrypt, now);
    if (opened === null) return null;
    const inner = parseWechatXml(opened.xml);
    const message = inner === null ? null : inboundOf(inner.fields, inner.lists);
    if (message === null) return null;
    return { message, replyKey: opened.key, timestamp: q.timestamp, nonce: q.nonce, replayMaterial: `${replayMaterial}\u0000${q.msg_signature}` };
  }
  if (config.mode !== 'plaintext') return null;
  const message = inboundOf(outer, parsed.lists);
  return message === null ? null : { message, replyKey: null, timestamp: q.timestamp, nonce: q.nonce, replayMaterial };
}
