// A clerk's registration of a case (DESIGN §5): the report fields, the channel, when it arrived, and
// the channel's own record — caller number, postmark, box opening, visit, transfer.
import { z } from 'zod';
import { STAFF_CHANNELS, type StaffChannel } from '../../domain/channels.js';
import { REPORT_LIMITS as L } from '../../domain/classification.js';
import { optionalText, text } from '../validation.js';
import { identityIssues, PHONE, pastDate, reportFields } from './report-fields.js';

// An offset is required: a clerk's wall-clock time without one is ambiguous across servers.
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/u;

/** An ISO time with offset, as a Date, never later than now (DESIGN §3.3). */
export function zonedTime(now: () => Date) {
  return z
    .string()
    .max(40)
    .refine((v) => ZONED.test(v) && !Number.isNaN(Date.parse(v)), { params: { reason: 'datetime' }, abort: true })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() <= now().getTime(), { params: { reason: 'future_time' } });
}

const requiredPhone = text(1, 24).refine((v) => PHONE.test(v), { params: { reason: 'phone' } });

/** A clerk writes a short note of what arrived; the portal's minimum guards against empty submissions from the public. */
export const STAFF_CONTENT_MIN = 1;

/** Two people open the report box together; the record names both. */
const openers = z
  .array(text(1, 64))
  .max(5)
  .refine((list) => list.length >= 2 && new Set(list.map((o) => o.toLowerCase())).size === list.length, { params: { reason: 'two_openers' } });

function channelDetailSchemas(today: () => string, now: () => Date) {
  const at = zonedTime(now);
  const call = z.strictObject({ callerNumber: requiredPhone, calledAt: at, callId: optionalText(64) });
  return {
    phone: call,
    voicemail: call,
    letter: z.strictObject({
      postmarkDate: pastDate(today).refine((v) => v !== undefined, { params: { reason: 'required' } }),
      postmarkPlace: optionalText(100),
      envelopeNote: optionalText(500),
    }),
    mailbox: z.strictObject({ boxLocation: text(1, 200), openedAt: at, openers }),
    visit: z.strictObject({ visitedAt: at, place: text(1, 200), receivedBy: text(1, 64) }),
    superior_transfer: z.strictObject({ fromOrgan: text(1, 200), documentNumber: optionalText(100), transferredAt: at }),
  } as const satisfies Record<StaffChannel, z.ZodType>;
}

function addIdentityIssues(r: Parameters<typeof identityIssues>[0], ctx: z.RefinementCtx): void {
  // A letter or a visitor may leave no phone or e-mail: the code is then given by letter or in person.
  for (const issue of identityIssues(r, false)) ctx.addIssue({ code: 'custom', path: issue.path, params: { reason: issue.reason } });
}

/** Built once per app: `today` and `now` read the app's clock at each request. */
export function staffCaseSchema(today: () => string, now: () => Date) {
  const details = channelDetailSchemas(today, now);
  return z
    .strictObject({
      ...reportFields(today, STAFF_CONTENT_MIN),
      channel: z.enum(STAFF_CHANNELS),
      receivedAt: zonedTime(now),
      channelDetails: z.unknown(),
    })
    .superRefine(addIdentityIssues)
    .transform((r, ctx) => {
      const parsed = details[r.channel].safeParse(r.channelDetails);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['channelDetails', ...issue.path] });
        return z.NEVER;
      }
      return { ...r, channelDetails: parsed.data };
    });
}
export type StaffCaseInput = z.output<ReturnType<typeof staffCaseSchema>>;

/** Registering an inbox item: the item gives the channel and the receipt; its text is the default content. */
export function registerItemSchema(today: () => string) {
  return z
    .strictObject({ ...reportFields(today, STAFF_CONTENT_MIN), content: text(STAFF_CONTENT_MIN, L.contentMax).optional() })
    .superRefine(addIdentityIssues);
}
export type RegisterItemInput = z.output<ReturnType<typeof registerItemSchema>>;
