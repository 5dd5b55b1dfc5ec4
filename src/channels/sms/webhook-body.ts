// Reading a provider's push: bounded, JSON, validated by the caller's schema. Pushes are small
// batches; a body beyond the bound is refused rather than parsed.
import type { z } from 'zod';
import { SmsPayloadError } from './errors.js';
import type { RawHttp } from './types.js';

export const WEBHOOK_MAX_BYTES = 256 * 1024;

export function parseJsonBody<T extends z.ZodType>(req: RawHttp, schema: T): z.output<T> {
  const text = typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('utf8');
  if (Buffer.byteLength(text, 'utf8') > WEBHOOK_MAX_BYTES) throw new SmsPayloadError();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SmsPayloadError();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new SmsPayloadError();
  return parsed.data;
}

/** `2017-02-02 11:12:13` in Beijing time, as both Chinese providers write it. */
export function beijingTime(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/u.exec(value);
  if (!m) throw new SmsPayloadError();
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  if (Number.isNaN(at.getTime())) throw new SmsPayloadError();
  return at;
}

/** Pushes are documented as arrays; a single object is taken as a batch of one. */
export function asArray<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}
