// Who "one client" is for rate limits, quotas and lockout: an IPv4 address, or an IPv6 /64 —
// a single subscriber holds a whole /64 and could otherwise rotate through fresh buckets at will.
import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

export function clientNetwork(ip: string): string {
  const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  // An embedded IPv4 tail (::1.2.3.4) leaves fewer than 8 groups: keep the address whole.
  if (groups.length !== 8) return ip;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export function clientOf(request: FastifyRequest): string {
  return clientNetwork(request.ip);
}
