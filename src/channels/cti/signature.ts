// Standard Webhooks 1.0 both ways (issue 6): the PBX's events are verified over the raw bytes before
// any JSON is read, and our click-to-dial requests are signed the same way with our own webhook id.
// The library's timestamp tolerance (5 minutes either way) is the replay window; the id is kept longer.
import { Webhook } from 'standardwebhooks';

export interface VerifiedDelivery {
  readonly webhookId: string;
  readonly body: string;
}

const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/u;

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | null {
  const v = headers[name];
  return typeof v === 'string' ? v : null;
}

/** null for anything unproven: missing headers, a wrong signature, a stale or future timestamp. */
export function verifyDelivery(secret: string, raw: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): VerifiedDelivery | null {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signature = header(headers, 'webhook-signature');
  if (id === null || timestamp === null || signature === null || !WEBHOOK_ID.test(id)) return null;
  try {
    new Webhook(secret).verify(raw, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
  } catch {
    return null;
  }
  return { webhookId: id, body: raw.toString('utf8') };
}

/** The three headers of a signed request we send. */
export function signedHeaders(secret: string, webhookId: string, at: Date, body: string): Record<string, string> {
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(webhookId, at, body),
  };
}
