// Fetching a recording the PBX announced (issue 6): only from the PBX's own origin (checked before this
// is called and again here), no redirects, a deadline and a size cap, and the bytes must be the ones the
// signed event describes (length and sha256). Any failure is the PBX's to retry, so nothing is kept.
import { createHash } from 'node:crypto';
import { isPbxRecordingUrl, storedRecordingType } from '../../domain/cti/recording-host.js';
import type { RecordingRef } from './events.js';

export const RECORDING_TIMEOUT_MS = 20_000;

export type RecordingFailure = 'host' | 'type' | 'too_large' | 'unavailable' | 'mismatch';

export class RecordingFetchError extends Error {
  constructor(readonly reason: RecordingFailure) {
    super(`recording fetch failed: ${reason}`);
  }
}

export interface FetchedRecording {
  readonly bytes: Buffer;
  readonly mediaType: string;
}

async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > cap) throw new RecordingFetchError('too_large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export async function fetchRecording(ref: RecordingRef, pbxOrigin: string, maxBytes: number): Promise<FetchedRecording> {
  if (!isPbxRecordingUrl(ref.url, pbxOrigin)) throw new RecordingFetchError('host');
  const announced = storedRecordingType(ref.contentType);
  if (announced === null) throw new RecordingFetchError('type');
  if (ref.bytes > maxBytes) throw new RecordingFetchError('too_large');
  let response: Response;
  try {
    response = await fetch(ref.url, { redirect: 'error', signal: AbortSignal.timeout(RECORDING_TIMEOUT_MS), headers: { accept: 'audio/*' } });
  } catch {
    throw new RecordingFetchError('unavailable');
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    throw new RecordingFetchError('unavailable');
  }
  const served = storedRecordingType(response.headers.get('content-type') ?? '');
  if (served === null) {
    await response.body.cancel().catch(() => undefined);
    throw new RecordingFetchError('type');
  }
  let bytes: Buffer;
  try {
    bytes = await readCapped(response.body, Math.min(maxBytes, ref.bytes));
  } catch (err) {
    if (err instanceof RecordingFetchError) throw err;
    throw new RecordingFetchError('unavailable');
  }
  if (bytes.length !== ref.bytes || createHash('sha256').update(bytes).digest('hex') !== ref.sha256) throw new RecordingFetchError('mismatch');
  return { bytes, mediaType: announced };
}
