// The `Idempotency-Key` header of creates (DESIGN §7.4, §10): a UUID, or absent.
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !UUID.test(key)) {
    throw new HttpError('validation_failed', [{ path: 'Idempotency-Key', code: 'invalid_format', message: { zh: '提交标识格式不正确', en: 'Idempotency-Key must be a UUID' } }]);
  }
  // UUIDs are case-insensitive: one key in two spellings is one key.
  return key.toLowerCase();
}
