// Staff case routes (DESIGN §10): detail with `actions`, one action with If-Match, batch forms, assignable units.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CommandError } from '../../../commands/command-error.js';
import { runCaseAction } from '../../../commands/case-actions/run-action.js';
import { STAFF_ACTIONS, type StaffAction } from '../../../domain/actions.js';
import { ACTION_FIELDS } from '../../../domain/forms/index.js';
import { assignableUnitsFor } from '../../../queries/cases/assignable-units.js';
import { caseDetail } from '../../../queries/cases/case-detail.js';
import type { HttpContext } from '../../context.js';
import { langOf, problemOf } from '../../errors.js';
import { httpErrorOf } from '../../plugins/error-handler.js';
import { staffGuard, staffOf } from '../../plugins/staff-session.js';
import { parseRequest, pathParams, type DocumentedBody } from '../../route-input.js';
import { actorOf } from './case-actor.js';
import { assignableUnitsResponse, batchResponse, caseDetailResponse } from './case-schemas.js';

const CASE_NUMBER = /^[A-Za-z0-9-]{1,40}$/u;
const BATCH_ACTIONS = ['instruct', 'sign_for', 'chase', 'assign'] as const satisfies readonly StaffAction[];

// A malformed number or action cannot name a case: the same 404 as any other unknown case.
const params = z.strictObject({ number: z.string().regex(CASE_NUMBER) });
const actionParams = z.strictObject({ number: z.string().regex(CASE_NUMBER), action: z.enum(STAFF_ACTIONS) });
const batchParams = z.strictObject({ action: z.enum(BATCH_ACTIONS) });
/**
 * For the document only: runCaseAction checks the body against the action's form narrowed to the case,
 * the very `fields` the case detail offers in `actions`. Listed here unnarrowed, one per action.
 */
const actionBody: DocumentedBody = {
  required: false,
  jsonSchema: {
    description: "The action's form: the `fields` JSON Schema of this action in the case detail's `actions`, narrowed to the case (eligible units, subjects).",
    anyOf: STAFF_ACTIONS.map((action) => ({ title: action, ...ACTION_FIELDS[action] })),
  },
};
const batchBody = z.strictObject({
  items: z.array(z.strictObject({ caseNumber: z.string().regex(CASE_NUMBER), version: z.number().int().min(1) })).min(1).max(100),
  fields: z.record(z.string(), z.unknown()).optional(),
});

/** `"7"`, `W/"7"` or a bare 7 (DESIGN §10); anything else counts as missing. */
export function ifMatchVersion(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/u.exec(header);
  return m?.[1] === undefined ? null : Number(m[1]);
}

function sendDetail(reply: FastifyReply, detail: { version: number }): FastifyReply {
  return reply.header('etag', `"${String(detail.version)}"`).header('cache-control', 'no-store').send(detail);
}

export function registerCaseRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const guard = staffGuard(ctx);

  app.get('/api/v1/cases/:number', { config: { policy: 'staff', input: { params } }, preHandler: guard, schema: { response: { 200: caseDetailResponse } } }, async (request, reply) => {
    const { number } = pathParams(request, params);
    return sendDetail(reply, await caseDetail(ctx.deps, actorOf(ctx.deps, staffOf(request)), number));
  });

  app.get('/api/v1/cases/:number/assignable-units', { config: { policy: 'staff', input: { params } }, preHandler: guard, schema: { response: { 200: assignableUnitsResponse } } }, async (request, reply) => {
    const { number } = pathParams(request, params);
    return reply.header('cache-control', 'no-store').send(await assignableUnitsFor(ctx.deps, actorOf(ctx.deps, staffOf(request)), number));
  });

  const actionConfig = {
    policy: 'staff',
    input: { params: actionParams, body: actionBody, headers: ['If-Match'] },
    problems: ['forbidden', 'conflict', 'precondition_failed', 'precondition_required'],
  } as const;
  app.post('/api/v1/cases/:number/actions/:action', { config: actionConfig, preHandler: guard, schema: { response: { 200: caseDetailResponse, 204: { type: 'null' } } } }, async (request, reply) => {
    const { number, action } = pathParams(request, actionParams);
    const actor = actorOf(ctx.deps, staffOf(request));
    const outcome = await runCaseAction(ctx.deps, actor, { caseNumber: number, action, body: request.body, ifMatch: ifMatchVersion(request.headers['if-match']) });
    const detail = await caseDetail(ctx.deps, actor, number, { reveal: action === 'reveal_reporter' }).catch((err: unknown) => {
      // After recusing themselves (or sealing a case they are not in the group of) the case is gone for this user.
      if (err instanceof CommandError && err.kind === 'not_found') return null;
      throw err;
    });
    if (detail === null) return reply.status(204).send();
    // A reissued code nothing could carry: this answer is its one showing (its audit record is committed).
    const issued = outcome.extra?.queryCode;
    if (typeof issued !== 'string') return sendDetail(reply, detail);
    const withCode: typeof detail & { issuedQueryCode: string } = { ...detail, issuedQueryCode: issued };
    return sendDetail(reply, withCode);
  });

  app.post('/api/v1/cases/batch/:action', { config: { policy: 'staff', input: { params: batchParams, body: batchBody } }, preHandler: guard, schema: { response: { 200: batchResponse } } }, async (request, reply) => {
    const { action } = pathParams(request, batchParams);
    const body = parseRequest(request, 'body', batchBody);
    const actor = actorOf(ctx.deps, staffOf(request));
    const lang = langOf(request.headers['accept-language']);
    const results = [];
    // Each case in its own transaction: one refusal does not undo the others (DESIGN §3.2).
    for (const item of body.items) {
      try {
        const out = await runCaseAction(ctx.deps, actor, { caseNumber: item.caseNumber, action, body: body.fields ?? {}, ifMatch: item.version });
        results.push({ caseNumber: item.caseNumber, status: 200, version: out.record.row.version, code: null, detail: null });
      } catch (err) {
        if (!(err instanceof CommandError)) throw err;
        const problem = problemOf(httpErrorOf(err), lang);
        results.push({ caseNumber: item.caseNumber, status: problem.status, version: null, code: problem.code, detail: problem.detail });
      }
    }
    return reply.send({ results });
  });
}
