// Which problem+json answers a route can give (DESIGN §10), from its policy, its input and the
// refusals it declares, grouped by status for the document.
import type { FastifyContextConfig } from 'fastify';
import { ERRORS, type ErrorCode } from '../errors.js';
import type { RoutePolicy } from '../policy.js';
import type { JsonObject } from './request-schemas.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The refusals every route of a policy shares before its handler runs. */
function policyProblems(policy: RoutePolicy, method: string): ErrorCode[] {
  const write = STATE_CHANGING.has(method);
  switch (policy) {
    case 'public':
    case 'operations':
      return [];
    case 'channel':
      // A wrong secret names no hook: the same 404 as an unknown path.
      return ['not_found'];
    case 'public_code':
      return ['origin_refused', 'pow_required', 'too_many_requests', 'case_not_found'];
    case 'staff_signin':
      return [];
    case 'staff':
      return ['unauthenticated', 'step_required', ...(write ? (['csrf_failed'] as const) : [])];
    case 'admin':
      // Each admin route belongs to one administrator role (three-role separation).
      return ['unauthenticated', 'step_required', 'forbidden', ...(write ? (['csrf_failed'] as const) : [])];
  }
}

/** Every problem code the route can answer, without repeats. */
export function problemCodesOf(method: string, config: FastifyContextConfig): ErrorCode[] {
  const input = config.input ?? {};
  const codes: ErrorCode[] = [...policyProblems(config.policy ?? 'public', method)];
  if (input.params !== undefined) codes.push('not_found');
  if (input.query !== undefined) codes.push('validation_failed');
  if (input.body !== undefined && input.body !== null) codes.push('malformed_json', 'payload_too_large', 'unsupported_media_type', 'validation_failed');
  codes.push(...(config.problems ?? []), 'internal', 'database_unavailable');
  return [...new Set(codes)];
}

export const PROBLEM_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string', description: 'in the language of Accept-Language (zh-CN unless it starts with en)' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(ERRORS), description: 'what clients switch on, never the message text' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'code', 'message'],
        properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** One response per status, naming the codes behind it. */
export function problemResponses(codes: readonly ErrorCode[]): Record<string, JsonObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERRORS[code].status, [...(byStatus.get(ERRORS[code].status) ?? []), code]);
  const out: Record<string, JsonObject> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${ERRORS[c].title.en}`).join('; '),
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return out;
}
