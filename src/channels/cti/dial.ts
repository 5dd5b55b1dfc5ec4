// Click-to-dial (issue 6): a signed POST to the PBX asking it to ring the agent's seat and then the
// reporter. Signed like the PBX's own events (Standard Webhooks, our secret, a fresh webhook id), so the
// PBX can tell our requests from anyone else's. The reporter's number travels only in this request.
import { randomUUID } from 'node:crypto';
import type { CtiConfig } from '../../config-cti.js';
import { signedHeaders } from './signature.js';

export const DIAL_TIMEOUT_MS = 10_000;

export interface DialRequest {
  readonly requestId: string;
  /** the agent's seat extension */
  readonly from: string;
  /** the reporter's number, E.164 */
  readonly to: string;
}

/** true: the PBX accepted the request (2xx); false: it refused, failed or did not answer in time. */
export async function sendDialRequest(cti: CtiConfig, req: DialRequest): Promise<boolean> {
  const body = JSON.stringify({ requestId: req.requestId, from: req.from, to: req.to, reference: req.requestId });
  // The PBX checks the timestamp against its own clock, so it is the machine's, not the app's clock.
  const headers = signedHeaders(cti.secret, `msg_${randomUUID()}`, new Date(), body);
  try {
    const res = await fetch(cti.dialUrl, { method: 'POST', redirect: 'error', signal: AbortSignal.timeout(DIAL_TIMEOUT_MS), headers: { ...headers, 'content-type': 'application/json' }, body });
    await res.body?.cancel().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
}
