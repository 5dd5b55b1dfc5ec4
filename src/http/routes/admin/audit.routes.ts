// The auditor's routes (DESIGN §7.3): the audit log with filters and paging, and the unusual-access
// view. Only the auditor reads them — not the sysadmin, not the secadmin — and every read is audited.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditChainStatus } from '../../../queries/admin/audit-chain.js';
import { readAuditLog } from '../../../queries/admin/audit-log.js';
import { unusualAccess } from '../../../queries/admin/unusual-access.js';
import { decodeSeqCursor } from '../../../queries/cursors.js';
import { AUDIT_PROBLEM_KINDS } from '../../../store/audit-problems.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { roleGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest } from '../../route-input.js';
import { badCursor, bool, int, limitParam, nullable, nullableStr, obj, str, userRef } from '../common.js';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/u;
const instant = z
  .string()
  .max(40)
  .refine((v) => ZONED.test(v) && !Number.isNaN(Date.parse(v)), { params: { reason: 'datetime' } })
  .transform((v) => new Date(v));

const MAX_UNUSUAL_DAYS = 31;

const logQuery = z.strictObject({
  actor: z.string().min(1).max(64).optional(),
  action: z.string().regex(/^[a-z_.]{1,64}$/u).optional(),
  caseNumber: z.string().regex(/^[A-Za-z0-9-]{1,40}$/u).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: limitParam(500, 100),
  cursor: z.string().max(200).optional(),
});
const windowQuery = z.strictObject({ from: instant.optional(), to: instant.optional() });

const actor = obj({ id: str, username: str, displayName: str });
const auditItem = obj({
  seq: int,
  at: str,
  actorKind: str,
  actor: nullable(actor),
  actorRef: nullableStr,
  action: str,
  caseNumber: nullableStr,
  target: nullableStr,
  // Details are written flat: strings under plain keys, nothing else passes the serializer.
  details: { anyOf: [{ type: 'object', additionalProperties: str }, { type: 'null' }] },
  detailsUnreadable: bool,
  stateChange: bool,
});
const nullableInt = { type: ['integer', 'null'] } as const;
// By kind and what it names, for the console to word; `text` is the verifier's English sentence.
const chainProblem = obj({
  kind: { type: 'string', enum: AUDIT_PROBLEM_KINDS },
  text: str,
  record: nullableStr,
  seal: nullableStr,
  caseRef: nullableStr,
  anchoredAt: nullableStr,
  covered: nullableInt,
  remaining: nullableInt,
  count: nullableInt,
});
const chainResponse = obj({
  verification: {
    anyOf: [
      obj({ at: str, ok: bool, problems: { type: 'array', items: chainProblem }, seals: int, sealedRows: int, unsealedRows: int, casesChecked: int, anchors: int }),
      { type: 'null' },
    ],
  },
  lastSeal: { anyOf: [obj({ id: int, at: str }), { type: 'null' }] },
  unsealed: int,
});
const logResponse = obj({ items: { type: 'array', items: auditItem }, nextCursor: nullableStr });
const unusualResponse = obj({
  from: str,
  to: str,
  bursts: { type: 'array', items: obj({ user: userRef, hour: str, reads: int, baseline: { type: 'number' } }) },
  breakGlass: { type: 'array', items: obj({ seq: int, at: str, user: nullable(userRef), caseNumber: nullableStr, reason: nullableStr }) },
  offHours: { type: 'array', items: obj({ user: userRef, reads: int, first: str, last: str }) },
  misses: { type: 'array', items: obj({ user: userRef, count: int }) },
});

function rangeError(path: string, zh: string, en: string): HttpError {
  return new HttpError('validation_failed', [{ path, code: 'range', message: { zh, en } }]);
}

export function registerAdminAuditRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const policy = 'admin' as const;
  const preHandler = roleGuard(ctx, 'auditor');

  app.get('/api/v1/admin/audit', { config: { policy, input: { query: logQuery } }, preHandler, schema: { response: { 200: logResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', logQuery);
    if (q.cursor !== undefined && decodeSeqCursor(q.cursor) === null) throw badCursor();
    if (q.from !== undefined && q.to !== undefined && q.to <= q.from) throw rangeError('to', '结束时间须晚于开始时间', 'The end must be after the start');
    void reply.header('cache-control', 'no-store');
    return readAuditLog(deps, staffOf(request).userId, q);
  });

  app.get('/api/v1/admin/audit/chain', { config: { policy }, preHandler, schema: { response: { 200: chainResponse } } }, async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    return auditChainStatus(deps);
  });

  app.get('/api/v1/admin/audit/unusual', { config: { policy, input: { query: windowQuery } }, preHandler, schema: { response: { 200: unusualResponse } } }, async (request, reply) => {
    const q = parseRequest(request, 'query', windowQuery);
    if ((q.from === undefined) !== (q.to === undefined)) throw rangeError(q.from === undefined ? 'from' : 'to', '请同时填写开始和结束时间，或都不填（默认最近24小时）', 'Give both the start and the end, or neither (the last 24 hours)');
    if (q.from !== undefined && q.to !== undefined && (q.to <= q.from || q.to.getTime() - q.from.getTime() > MAX_UNUSUAL_DAYS * 86_400_000)) {
      throw rangeError('to', `时间范围须大于0且不超过${String(MAX_UNUSUAL_DAYS)}天`, `The window must be longer than zero and at most ${String(MAX_UNUSUAL_DAYS)} days`);
    }
    void reply.header('cache-control', 'no-store');
    return unusualAccess(deps, staffOf(request).userId, q);
  });
}
