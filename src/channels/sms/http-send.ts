// One POST to a provider with a deadline. Transport failures are retryable; a body that is not
// JSON is reported by status only (a gateway's error page can echo what we sent).
import { SmsSendError } from './errors.js';

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

export async function postForJson(url: URL, init: { headers: Record<string, string>; body: string }, timeoutMs = DEFAULT_SEND_TIMEOUT_MS): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body === '' ? null : init.body, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new SmsSendError(timedOut ? 'TIMEOUT' : 'TRANSPORT', true);
  }
  const text = await res.text().catch(() => '');
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new SmsSendError(`HTTP_${res.status}`, res.status >= 500 || res.status === 429);
  }
}
