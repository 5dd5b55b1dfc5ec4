// The public API (DESIGN §10): taxonomy, challenge, reports, track, track/messages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addReporterMessage } from '../../../commands/add-reporter-message.js';
import { isIdempotencyConflict, lookupIdempotency, requestHash, sealResponse } from '../../../commands/idempotency.js';
import { submitReport, type AttachmentInput, type ReportInput } from '../../../commands/submit-report.js';
import { CASE_SCOPES, CASE_TYPES } from '../../../domain/data/taxonomy.js';
import { publicCaseView } from '../../../queries/public-case-view.js';
import { resolveCaseByCode } from '../../../queries/resolve-by-code.js';
import { issueChallenge } from '../../../security/pow.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { requireAllowedOrigin, requirePow, requireRate } from '../../public-guard.js';
import { readMultipart } from '../../uploads.js';
import { parseInput } from '../../validation.js';
import { reportSchema, trackMessageSchema, trackSchema } from './report-schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function todayIn(timezone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

async function readReport(ctx: HttpContext, request: FastifyRequest): Promise<{ input: ReportInput; files: AttachmentInput[] }> {
  let raw: unknown = request.body;
  let files: AttachmentInput[] = [];
  if (request.isMultipart()) {
    const mp = await readMultipart(request);
    files = mp.files;
    try {
      raw = JSON.parse(mp.fields.report ?? '');
    } catch {
      throw new HttpError('malformed_json');
    }
  }
  const schema = reportSchema(() => todayIn(ctx.config.timezone, ctx.deps.clock.now()));
  return { input: parseInput(schema, raw), files };
}

async function handleSubmit(ctx: HttpContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  requireAllowedOrigin(ctx, request);
  await requireRate(ctx, request, 'submit', ctx.config.rateLimit.submitPerMinute);
  await requirePow(ctx, request);
  const keyHeader = request.headers['idempotency-key'];
  if (keyHeader !== undefined && (typeof keyHeader !== 'string' || !UUID.test(keyHeader))) {
    throw new HttpError('validation_failed', [{ path: 'Idempotency-Key', code: 'invalid_format', message: { zh: '提交标识格式不正确', en: 'Idempotency-Key must be a UUID' } }]);
  }
  const { input, files } = await readReport(ctx, request);
  const { deps } = ctx;
  const scope = 'POST /api/v1/public/reports';
  if (keyHeader === undefined) {
    const result = await submitReport(deps, input, files, { channel: 'web' });
    return reply.status(201).send({ caseNumber: result.caseNumber, queryCode: result.queryCode });
  }
  const reqHash = requestHash(deps.ring, { input, files: files.map((f) => ({ name: f.name, type: f.mediaType, digest: deps.blind.index('attachment', f.bytes).toString('hex') })) });
  const stored = async (): Promise<{ status: number; body: unknown } | null> => {
    const found = await lookupIdempotency(deps.pool, deps.ring, scope, keyHeader, reqHash, deps.clock.now());
    if (found.kind === 'mismatch') throw new HttpError('idempotency_mismatch');
    return found.kind === 'replay' ? found : null;
  };
  const replay = (s: { status: number; body: unknown }) => reply.status(s.status).header('Idempotent-Replayed', 'true').send(s.body);
  const earlier = await stored();
  if (earlier) return replay(earlier);
  try {
    const result = await submitReport(deps, input, files, {
      channel: 'web',
      idempotency: (r) => sealResponse(deps.ring, scope, keyHeader, reqHash, { caseNumber: r.caseNumber, queryCode: r.queryCode }, deps.clock.now()),
    });
    return await reply.status(201).send({ caseNumber: result.caseNumber, queryCode: result.queryCode });
  } catch (err) {
    // A concurrent twin committed first: answer with what it stored.
    if (isIdempotencyConflict(err)) {
      const twin = await stored();
      if (twin) return replay(twin);
    }
    throw err;
  }
}

/** Resolve before validating the rest, so a wrong code always gets the same 404 (DESIGN §10). */
async function resolveFromBody(ctx: HttpContext, request: FastifyRequest): Promise<string> {
  requireAllowedOrigin(ctx, request);
  await requireRate(ctx, request, 'code', ctx.config.rateLimit.trackPerMinute);
  await requirePow(ctx, request);
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const caseId = await resolveCaseByCode(ctx.deps, body.caseNumber, body.queryCode);
  if (!caseId) throw new HttpError('case_not_found');
  return caseId;
}

export function registerPublicRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.get('/api/v1/public/taxonomy', async (_request, reply) => {
    return reply.header('Cache-Control', 'public, max-age=300').send({ types: CASE_TYPES, scopes: CASE_SCOPES });
  });

  app.get('/api/v1/public/challenge', async (request, reply) => {
    await requireRate(ctx, request, 'challenge', Math.max(60, ctx.config.rateLimit.submitPerMinute * 4));
    const challenge = await issueChallenge(ctx.deps.ring, ctx.config.pow.maxNumber, ctx.deps.clock.now());
    return reply.send({ ...challenge, required: ctx.config.pow.enabled });
  });

  app.post('/api/v1/public/reports', async (request, reply) => handleSubmit(ctx, request, reply));

  app.post('/api/v1/public/track', async (request, reply) => {
    const caseId = await resolveFromBody(ctx, request);
    parseInput(trackSchema, request.body);
    return reply.send(await publicCaseView(ctx.deps, caseId));
  });

  app.post('/api/v1/public/track/messages', async (request, reply) => {
    const caseId = await resolveFromBody(ctx, request);
    const { text } = parseInput(trackMessageSchema, request.body);
    const outcome = await addReporterMessage(ctx.deps, caseId, text);
    if (!outcome.ok) throw new HttpError('conflict');
    return reply.status(201).send(await publicCaseView(ctx.deps, caseId));
  });
}
