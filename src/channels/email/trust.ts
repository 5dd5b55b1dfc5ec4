// Whether the bureau's own mail server vouches for the sender (RFC 8601): only the top-most
// Authentication-Results field counts, and only when it carries the configured authserv-id, since any
// field further down may have been written by the sender. DMARC or SPF pass is enough for subject
// threading, which also requires the sender to be the case's reporter.
import { firstField, type HeaderFields } from '../../domain/email/headers.js';

export function trustedSender(h: HeaderFields, authservId: string | null): boolean {
  if (authservId === null) return false;
  const top = firstField(h, 'authentication-results');
  if (top === null) return false;
  const [server, ...results] = top.split(';');
  if (server?.trim().split(/\s+/u)[0]?.toLowerCase() !== authservId) return false;
  return results.some((r) => /^\s*(dmarc|spf)\s*=\s*pass\b/iu.test(r));
}
