// What a channel adapter hands the inbox (DESIGN §5), checked before anything is stored: an adapter
// is outside input too.
import { z } from 'zod';
import { INBOX_CHANNELS, type InboxChannel } from '../../domain/channels.js';
import { INBOX_CONTACT } from '../../domain/intake.js';
import { CommandError } from '../command-error.js';
import type { AttachmentInput } from '../new-case.js';

export interface IntakeMessage {
  readonly channel: InboxChannel;
  /** Message-ID, MsgId, SMS id or call id: one item per (channel, externalId), however often it arrives. */
  readonly externalId: string;
  readonly receivedAt: Date;
  /** The sender's e-mail address, phone number or OpenID; null when withheld. */
  readonly contact: string | null;
  readonly text: string;
  /** Channel data the clerk may need (subject line, call duration …), flat text values. */
  readonly details?: Readonly<Record<string, string>> | undefined;
  readonly attachments: readonly AttachmentInput[];
  readonly threadKey?: string | null | undefined;
  /** A case number the message says it belongs to, unverified. */
  readonly claimsCaseNumber?: string | null | undefined;
}

// eslint-disable-next-line no-control-regex -- control characters in a name or id are refused
const CONTROL = /[\u0000-\u001f\u007f]/u;
const line = (max: number) => z.string().min(1).max(max).refine((v) => !CONTROL.test(v));
const PHONE = /^[+]?[0-9][0-9 -]{4,19}$/u;
const OPENID = /^[A-Za-z0-9_-]{1,128}$/u;

const CONTACT_RULES = {
  phone: (v: string) => PHONE.test(v),
  email: (v: string) => z.email().max(254).safeParse(v).success,
  openid: (v: string) => OPENID.test(v),
} as const;

const attachment = z.strictObject({ name: line(255), mediaType: line(100), bytes: z.instanceof(Buffer) });

const schema = z
  .strictObject({
    channel: z.enum(INBOX_CHANNELS),
    externalId: line(500),
    receivedAt: z.date().refine((d) => !Number.isNaN(d.getTime())),
    contact: z.string().trim().max(254).nullable(),
    // A long e-mail is the adapter's to shorten; the original stays with its raw copy.
    text: z.string().max(100_000),
    details: z.record(line(64), z.string().max(2_000)).refine((d) => Object.keys(d).length <= 30).optional(),
    attachments: z.array(attachment).max(20),
    threadKey: line(500).nullish(),
    claimsCaseNumber: z.string().regex(/^[A-Z0-9-]{1,40}$/u).nullish(),
  })
  .superRefine((m, ctx) => {
    if (m.contact !== null && (m.contact === '' || !CONTACT_RULES[INBOX_CONTACT[m.channel].kind](m.contact))) ctx.addIssue({ code: 'custom', path: ['contact'] });
  });

export type CheckedIntakeMessage = z.output<typeof schema>;

/** The message as stored, or CommandError('invalid') naming each field; adapters dead-letter it. */
export function checkedIntakeMessage(msg: IntakeMessage): CheckedIntakeMessage {
  const r = schema.safeParse(msg);
  if (r.success) return r.data;
  throw new CommandError(
    'invalid',
    { zh: '来件格式不正确', en: 'The intake message is malformed' },
    r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: { zh: '格式不正确', en: 'Wrong format' } })),
  );
}
