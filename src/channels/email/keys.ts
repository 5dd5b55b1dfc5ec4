// Keyed values of the e-mail channel, all under the key ring's `message-id` purpose key: the MAC of our
// Message-IDs and VERP senders, and the stored key of a received message (its Message-ID is the
// sender's, and may name their host or address, so only a keyed hash of it is kept in clear).
import { createHash } from 'node:crypto';
import type { Mac } from '../../domain/email/signed-ids.js';
import type { KeyRing } from '../../security/keys.js';

export function messageIdMac(ring: KeyRing): Mac {
  const key = ring.key('message-id');
  return (data) => ring.provider.mac(key, Buffer.from(data, 'utf8'));
}

/** One key per message however often it arrives: its Message-ID, or its bytes when it has none. */
export function inboundKey(ring: KeyRing, messageId: string | null, raw: Buffer): string {
  const basis = messageId === null ? `raw\u0000${createHash('sha256').update(raw).digest('hex')}` : `mid\u0000${messageId.trim().toLowerCase()}`;
  return ring.provider.mac(ring.key('message-id'), Buffer.from(`inbound\u0000${basis}`, 'utf8')).toString('hex');
}

/** The Message-ID field of a raw message, read without parsing it (a message may be unparsable). */
export function rawMessageId(raw: Buffer): string | null {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const header = raw.subarray(0, end < 0 ? Math.min(raw.length, 65_536) : end).toString('latin1');
  const m = /^message-id[ \t]*:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]{1,500})>/imu.exec(header);
  return m?.[1] ?? null;
}
