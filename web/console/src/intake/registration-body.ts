// Pure rules of the clerk's registration form: the JSON the API takes from what was typed (dates as the
// API writes them, empty fields left out, no reporter block for an anonymous report).
import type { Dayjs } from 'dayjs';
import type { StaffChannel } from '../../../../src/domain/channels.js';

export type { StaffChannel };

export interface ReportValues {
  readonly type?: string;
  readonly reportedPoliceBranch?: string;
  readonly title?: string;
  readonly content?: string;
  readonly occurredAt?: Dayjs | null;
  readonly location?: string;
  readonly anonymity?: string;
  readonly reporter?: Readonly<Record<string, string | undefined>>;
  readonly subjects?: readonly Readonly<Record<string, string | undefined>>[];
}

export interface RegistrationValues extends ReportValues {
  readonly channel?: StaffChannel;
  readonly receivedAt?: Dayjs | null;
  readonly channelDetails?: Readonly<Record<string, unknown>>;
}

/** The channel record's fields per channel (src/http/schemas/staff-case.ts), so a switched channel sends only its own. */
export const CHANNEL_DETAIL_KEYS: Readonly<Record<StaffChannel, readonly string[]>> = {
  phone: ['callerNumber', 'calledAt', 'callId'],
  voicemail: ['callerNumber', 'calledAt', 'callId'],
  letter: ['postmarkDate', 'postmarkPlace', 'envelopeNote'],
  mailbox: ['boxLocation', 'openedAt', 'openers'],
  visit: ['visitedAt', 'place', 'receivedBy'],
  superior_transfer: ['fromOrgan', 'documentNumber', 'transferredAt'],
};

function trimmed(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function compact(o: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o ?? {})) {
    const t = trimmed(v);
    if (t !== undefined) out[k] = t;
  }
  return out;
}

function isDayjs(v: unknown): v is Dayjs {
  return typeof v === 'object' && v !== null && typeof (v as Partial<Dayjs>).format === 'function';
}

/** An instant with the bureau's offset, as the API requires (it refuses a wall-clock time without one). */
export function zoned(d: Dayjs): string {
  return d.format('YYYY-MM-DDTHH:mm:ssZ');
}

/** The report part shared by a new registration and an inbox item's. */
export function reportBody(v: ReportValues): Record<string, unknown> {
  const body: Record<string, unknown> = { type: v.type, anonymity: v.anonymity };
  for (const key of ['reportedPoliceBranch', 'title', 'content', 'location'] as const) {
    const t = trimmed(v[key]);
    if (t !== undefined) body[key] = t;
  }
  if (v.occurredAt) body.occurredAt = v.occurredAt.format('YYYY-MM-DD');
  const reporter = compact(v.reporter);
  if (v.anonymity === 'real_name' && Object.keys(reporter).length > 0) body.reporter = reporter;
  body.subjects = (v.subjects ?? []).map(compact).filter((s) => Object.keys(s).length > 0);
  return body;
}

/** Channel data: dates as the API writes them, the two box openers as a list, empty fields left out. */
export function channelDetailsBody(channel: StaffChannel, details: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = CHANNEL_DETAIL_KEYS[channel];
  for (const [k, v] of Object.entries(details ?? {})) {
    if (!own.includes(k)) continue;
    if (isDayjs(v)) out[k] = k === 'postmarkDate' ? v.format('YYYY-MM-DD') : zoned(v);
    else if (Array.isArray(v)) out[k] = v.map(trimmed).filter((x): x is string => x !== undefined);
    else {
      const t = trimmed(v);
      if (t !== undefined) out[k] = t;
    }
  }
  if (channel === 'mailbox' && !Array.isArray(out.openers)) out.openers = [];
  return out;
}

export function registrationBody(v: RegistrationValues): Record<string, unknown> {
  const channel = v.channel ?? 'phone';
  return {
    ...reportBody(v),
    channel,
    ...(v.receivedAt ? { receivedAt: zoned(v.receivedAt) } : {}),
    channelDetails: channelDetailsBody(channel, v.channelDetails),
  };
}
