// Requests and responses of the intake inbox routes (DESIGN §10): strict in, nothing extra out.
import { z } from 'zod';
import { INBOX_CHANNELS } from '../../../domain/channels.js';
import { INTAKE_STATUSES, INVALID_REASONS } from '../../../domain/intake.js';
import { optionalText } from '../../validation.js';

export const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;

export const listQuery = z.strictObject({
  status: z.enum(INTAKE_STATUSES).optional(),
  channel: z.enum(INBOX_CHANNELS).optional(),
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/u)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE))
    .optional()
    .transform((n) => n ?? DEFAULT_PAGE),
  cursor: z.string().max(200).optional(),
});

export const invalidBody = z.strictObject({
  reason: z.enum(INVALID_REASONS),
  note: optionalText(1_000),
});

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

const summary = {
  id: str,
  channel: str,
  receivedAt: str,
  status: str,
  contact: nullableStr,
  claimsCaseNumber: nullableStr,
  earlierItems: int,
  caseNumber: str,
  // voicemail items only: the listen-by clock and the first listen (DESIGN §4)
  listenBy: str,
  listenedAt: nullableStr,
  // e-mail flood groups only: how many mails from one sender this item holds (疑似批量来信)
  floodCount: int,
} as const;

const listItem = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'channel', 'receivedAt', 'status', 'preview', 'contact', 'claimsCaseNumber', 'attachmentCount', 'earlierItems'],
  properties: { ...summary, preview: str, attachmentCount: int },
} as const;

export const listResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: listItem }, nextCursor: nullableStr },
} as const;

export const itemResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'channel', 'receivedAt', 'status', 'text', 'contact', 'details', 'claimsCaseNumber', 'attachments', 'earlierItems', 'invalidReason', 'note', 'handledAt'],
  properties: {
    ...summary,
    text: str,
    // Channel data from the adapter: a flat map whose values can only be text.
    details: { type: ['object', 'null'], additionalProperties: str },
    attachments: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['id', 'name', 'mediaType', 'size'], properties: { id: str, name: str, mediaType: str, size: int } },
    },
    invalidReason: nullableStr,
    note: nullableStr,
    handledAt: nullableStr,
  },
} as const;

export const markedResponse = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status'],
  properties: { id: str, status: str },
} as const;
