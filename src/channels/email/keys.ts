// Keyed values of the e-mail channel, all under the key ring's `message-id` purpose key: the MAC of our
// Message-IDs and VERP senders, and the stored key of a received message (its Message-ID is the
// sender's, and may name their host or address, so only a keyed hash of it is kept in clear).
import { createHash } from 'node:crypto';
import { addressesIn } from '../../domain/email/headers.js';
import type { Mac } from '../../domain/email/signed-ids.js';
import type { KeyRing } from '../../security/keys.js';

export function messageIdMac(ring: KeyRing): Mac {
  const key = ring.key('message-id');
  return (data) => ring.provider.mac(key, Buffer.from(data, 'utf8'));
}

/**
 * One key per message however often it arrives: its Message-ID and its sender, or its bytes when it has
 * no Message-ID. The sender is part of it so that someone who learns a reporter's Message-ID cannot have
 * their own mail, under that id, taken for a copy of the reporter's and dropped — or the reporter's for a
 * copy of theirs (a Message-ID is no secret: it travels in every reply's References).
 */
export function inboundKey(ring: KeyRing, messageId: string | null, sender: string | null, raw: Buffer): string {
  const basis = messageId === null ? `raw\u0000${createHash('sha256').update(raw).digest('hex')}` : `mid\u0000${messageId.trim().toLowerCase()}\u0000from\u0000${sender ?? ''}`;
  return ring.provider.mac(ring.key('message-id'), Buffer.from(`inbound\u0000${basis}`, 'utf8')).toString('hex');
}

function rawHeader(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  return raw.subarray(0, end < 0 ? Math.min(raw.length, 65_536) : end).toString('latin1');
}

/** The Message-ID field of a raw message, read without parsing it (a message may be unparsable). */
export function rawMessageId(raw: Buffer): string | null {
  const m = /^message-id[ \t]*:[ \t]*(?:\r?\n[ \t]+)?<([^<>\s]{1,500})>/imu.exec(rawHeader(raw));
  return m?.[1] ?? null;
}

/**
 * The first From address of a raw message, lower-cased, read without parsing it: the address in angle
 * brackets when there is one (a display name may itself look like an address), else the first bare one.
 */
export function rawSender(raw: Buffer): string | null {
  const m = /^from[ \t]*:((?:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*))/imu.exec(rawHeader(raw));
  if (!m?.[1]) return null;
  const value = m[1].replace(/\r?\n[ \t]+/gu, ' ');
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/u.exec(value)?.[1];
  return bracketed !== undefined ? bracketed.toLowerCase() : (addressesIn(value)[0] ?? null);
}
