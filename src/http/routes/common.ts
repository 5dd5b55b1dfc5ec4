// What the admin routes (and a few staff routes) share: the acting user, id parameters, paging parameters and the
// pieces of their response schemas (DESIGN §10: strict in, nothing extra out).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminActor } from '../../commands/admin/support.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { HttpError } from '../errors.js';
import { staffOf } from '../plugins/staff-session.js';

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** The signed-in user as admin commands take them (id and roles); the unit head confirming a reset too. */
export function actingUser(request: FastifyRequest): AdminActor {
  const s = staffOf(request);
  return { userId: s.userId, roles: s.roles.filter(isRole) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

export const uuid = z.string().regex(UUID);

/** `/:id` of a record; through `pathParams` a malformed id names nothing: the same 404 as an unknown one. */
export const idParams = z.strictObject({ id: uuid });

export function limitParam(max: number, fallback: number) {
  return z
    .string()
    .regex(/^[0-9]{1,4}$/u)
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .transform((n) => n ?? fallback);
}

export const badCursor = (): HttpError =>
  new HttpError('validation_failed', [{ path: 'cursor', code: 'invalid_format', message: { zh: '翻页标记无效，请从第一页重新查看', en: 'The cursor is not valid; start again from the first page' } }]);

export const str = { type: 'string' } as const;
export const nullableStr = { type: ['string', 'null'] } as const;
export const int = { type: 'integer' } as const;
export const bool = { type: 'boolean' } as const;
export const strings = { type: 'array', items: str } as const;

export function obj<P extends Record<string, unknown>>(properties: P, required: readonly (keyof P & string)[] = Object.keys(properties)) {
  return { type: 'object', additionalProperties: false, required, properties } as const;
}

export function nullable<S extends Record<string, unknown>>(schema: S) {
  return { anyOf: [schema, { type: 'null' }] } as const;
}

export const bilingual = obj({ zh: str, en: str });
export const userRef = obj({ id: str, username: str, displayName: str, unitName: str });
export const okResponse = obj({ ok: bool });
