// The PBX's events (issue 6, docs/cti.md): the Standard Webhooks payload `{type, timestamp, data}`, read
// strictly, since a PBX adapter is outside input too. The names follow Zammad's generic CTI (newCall,
// answer, hangup) so an adapter written for Zammad maps one to one.
import { z } from 'zod';
import { CALL_DIRECTIONS, HANGUP_CAUSES } from '../../domain/cti/calls.js';

const id = z.string().min(1).max(250).regex(/^[\x21-\x7e]+$/u);
/** Digits with an optional leading +, or `anonymous` for a withheld number. */
const number = z.union([z.literal('anonymous'), z.string().regex(/^\+?\d{2,20}$/u)]);
const at = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const seconds = z.number().int().min(0).max(86_400);

export const recordingRef = z.strictObject({
  url: z.string().max(2000),
  contentType: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/iu).transform((v) => v.toLowerCase()),
  bytes: z.number().int().min(1),
});
export type RecordingRef = z.output<typeof recordingRef>;

const callNew = z.strictObject({ callId: id, from: number, to: number, direction: z.enum(CALL_DIRECTIONS), queue: z.string().min(1).max(100).optional(), startedAt: at, reference: z.uuid().optional() });
const callAnswered = z.strictObject({ callId: id, answeredBy: z.string().min(1).max(100).regex(/^[\x21-\x7e]+$/u), answeredAt: at });
const callEnded = z.strictObject({ callId: id, cause: z.enum(HANGUP_CAUSES), q850: z.number().int().min(0).max(127).optional(), endedAt: at, durationSec: seconds });
const recordingReady = z.strictObject({ callId: id, recording: recordingRef });
const voicemailCreated = z.strictObject({ callId: id.optional(), mailbox: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/u), from: number, receivedAt: at, durationSec: seconds, recording: recordingRef });

const envelope = <T extends string, D extends z.ZodType>(type: T, data: D) => z.strictObject({ type: z.literal(type), timestamp: z.iso.datetime({ offset: true }), data });

export const ctiEvent = z.discriminatedUnion('type', [
  envelope('call.new', callNew),
  envelope('call.answered', callAnswered),
  envelope('call.ended', callEnded),
  envelope('recording.ready', recordingReady),
  envelope('voicemail.created', voicemailCreated),
]);
export type CtiEvent = z.output<typeof ctiEvent>;
export type CallNewData = z.output<typeof callNew>;
export type CallAnsweredData = z.output<typeof callAnswered>;
export type CallEndedData = z.output<typeof callEnded>;
export type RecordingReadyData = z.output<typeof recordingReady>;
export type VoicemailCreatedData = z.output<typeof voicemailCreated>;
