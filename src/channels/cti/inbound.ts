// One verified PBX delivery (issue 6): read strictly, then applied exactly once per webhook id. Call
// events are small row updates; a recording is fetched from the PBX (only its own origin), encrypted and
// stored before the transaction that files it, and removed again if that transaction files nothing.
import { applyCallAnswered, applyCallEnded, applyCallNew } from '../../commands/cti/call-events.js';
import { claimEvent, fileCallRecording, fileVoicemail, type FileOutcome } from '../../commands/cti/file-recording.js';
import { storeRecordingBlob } from '../../commands/cti/recordings.js';
import { inTransaction, type Deps } from '../../commands/deps.js';
import { isPbxRecordingUrl } from '../../domain/cti/recording-host.js';
import type { CtiConfig } from '../../config-cti.js';
import { ctiEvent, type CtiEvent, type RecordingRef } from './events.js';
import { fetchRecording, RecordingFetchError } from './recording-fetch.js';

export type DeliveryOutcome = 'applied' | 'replay';

/** The body is not one of the event shapes: refused, nothing recorded. */
export class CtiPayloadError extends Error {}

export function parseEvent(body: string): CtiEvent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new CtiPayloadError('not JSON');
  }
  const parsed = ctiEvent.safeParse(json);
  if (!parsed.success) throw new CtiPayloadError('not an event');
  return parsed.data;
}

async function seen(deps: Deps, webhookId: string): Promise<boolean> {
  return ((await deps.pool.query('SELECT 1 FROM cti_events WHERE webhook_id = $1', [webhookId])).rowCount ?? 0) > 0;
}

async function withRecording(deps: Deps, cti: CtiConfig, ref: RecordingRef, file: (rec: Awaited<ReturnType<typeof storeRecordingBlob>>) => Promise<FileOutcome>): Promise<DeliveryOutcome> {
  // Refused before any request leaves: a foreign host never learns that we exist.
  if (!isPbxRecordingUrl(ref.url, cti.pbxOrigin.origin)) throw new RecordingFetchError('host');
  const fetched = await fetchRecording(ref, cti.pbxOrigin.origin, cti.recordingMaxBytes);
  const rec = await storeRecordingBlob(deps, fetched.bytes, fetched.mediaType);
  let outcome: FileOutcome | null = null;
  try {
    outcome = await file(rec);
  } finally {
    if (outcome !== 'filed') await deps.attachments.remove(rec.storageKey).catch(() => undefined);
  }
  return outcome === 'replay' ? 'replay' : 'applied';
}

export async function handleCtiDelivery(deps: Deps, cti: CtiConfig, webhookId: string, event: CtiEvent): Promise<DeliveryOutcome> {
  // A retry of a delivery we already applied costs one indexed read, and never a second fetch.
  if (await seen(deps, webhookId)) return 'replay';
  switch (event.type) {
    case 'recording.ready':
      return withRecording(deps, cti, event.data.recording, (rec) => fileCallRecording(deps, webhookId, event.data.callId, rec));
    case 'voicemail.created':
      return withRecording(deps, cti, event.data.recording, (rec) => fileVoicemail(deps, webhookId, event.data, rec));
    default:
      return inTransaction(deps.pool, async (tx) => {
        if (!(await claimEvent(tx, webhookId, event.type, deps.clock.now()))) return 'replay';
        if (event.type === 'call.new') await applyCallNew(deps, tx, event.data);
        else if (event.type === 'call.answered') await applyCallAnswered(deps, tx, event.data);
        else await applyCallEnded(deps, tx, event.data);
        return 'applied';
      });
  }
}
