// Our outbound Message-IDs and VERP envelope senders carry the sent message's id and a keyed MAC of it
// (channels.md §2.2, §2.4): a reply is threaded, and a bounce believed, only when the MAC checks, so
// nobody can write into someone else's case or fail someone else's mail by guessing ids (the hole of
// FreeScout GHSA-6r38-6mcf-2ww3). The two uses are bound to different labels, so one cannot stand in
// for the other. Pure: the caller supplies the MAC (HMAC under the `message-id` purpose key).
export type Mac = (data: string) => Uint8Array;

const MAC_HEX = 20;
const TOKEN = /^zt\.([0-9a-f]{32})\.([0-9a-f]{20})$/u;

function macHex(mac: Mac, label: 'message-id' | 'verp', id: string): string {
  return Array.from(mac(`${label}\u0000${id}`), (b) => b.toString(16).padStart(2, '0')).join('').slice(0, MAC_HEX);
}

/** The same answer in the same time, wherever the first difference is. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const compact = (uuid: string): string => uuid.replace(/-/gu, '').toLowerCase();
const expand = (hex: string): string => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

function split(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/** `zt.<id>.<mac>@<our domain>`, without angle brackets. */
export function signedMessageId(mac: Mac, outboundId: string, from: string): string {
  const id = compact(outboundId);
  return `zt.${id}.${macHex(mac, 'message-id', id)}@${split(from).domain}`;
}

/** The envelope sender of a mail whose bounce should find it: `<local>+zt.<id>.<mac>@<domain>`. */
export function verpAddress(mac: Mac, outboundId: string, from: string): string {
  const id = compact(outboundId);
  const { local, domain } = split(from);
  return `${local}+zt.${id}.${macHex(mac, 'verp', id)}@${domain}`;
}

/** The outbound id a Message-ID of ours names, or null for anyone else's (or a forged one). */
export function checkMessageId(mac: Mac, messageId: string, from: string): string | null {
  const { local, domain } = split(messageId.trim());
  if (domain !== split(from).domain) return null;
  const m = TOKEN.exec(local);
  if (!m?.[1] || !m[2]) return null;
  return sameText(macHex(mac, 'message-id', m[1]), m[2]) ? expand(m[1]) : null;
}

/** The outbound id a VERP recipient names, or null when it is not ours or its MAC does not check. */
export function checkVerpAddress(mac: Mac, address: string, from: string): string | null {
  const ours = split(from);
  const { local, domain } = split(address.trim().toLowerCase());
  if (domain !== ours.domain) return null;
  const prefix = `${ours.local.toLowerCase()}+`;
  if (!local.startsWith(prefix)) return null;
  const m = TOKEN.exec(local.slice(prefix.length));
  if (!m?.[1] || !m[2]) return null;
  return sameText(macHex(mac, 'verp', m[1]), m[2]) ? expand(m[1]) : null;
}

/** The first of our ids among In-Reply-To and References, scanning from the nearest parent back. */
export function threadedOutboundId(mac: Mac, ids: readonly string[], from: string): string | null {
  for (let i = ids.length - 1; i >= 0; i -= 1) {
    const found = checkMessageId(mac, ids[i] ?? '', from);
    if (found !== null) return found;
  }
  return null;
}
