// The public API (DESIGN §10): taxonomy, challenge, reports, track, track/messages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rateCase } from '../../../commands/rate-case.js';
import { addReporterMessage } from '../../../commands/add-reporter-message.js';
import { dateIn, formatCaseNumber, yearIn } from '../../../commands/case-number.js';
import { isIdempotencyConflict, lookupIdempotency, requestHash, sealResponse } from '../../../commands/idempotency.js';
import { submitReport, type AttachmentInput, type ReportInput, type SubmitResult } from '../../../commands/submit-report.js';
import { POLICE_BRANCHES } from '../../../domain/data/police-branches.js';
import { REGIONS } from '../../../domain/data/regions.js';
import { CASE_SCOPES, CASE_TYPES } from '../../../domain/data/taxonomy.js';
import { publicCaseView } from '../../../queries/public-case-view.js';
import { resolveCaseByCode, wrongCodeBudgetExceeded } from '../../../queries/resolve-by-code.js';
import { issueChallenge } from '../../../security/pow.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { idempotencyKeyOf } from '../../idempotency-key.js';
import { admit } from '../../../store/admission.js';
import { rateBucketKey, requireAllowedOrigin, requirePow, requireRate, requireUploadQuota, tooManyRequests, verifiedPow } from '../../public-guard.js';
import { checkFiles, readMultipart, readMultipartUnchecked, withUploadSlot } from '../../uploads.js';
import { parseRequest } from '../../route-input.js';
import { registerPortalInfoRoutes } from './portal-info.routes.js';
import { reportSchema, trackMessageSchema, trackRatingSchema, trackSchema } from './report-schema.js';
import { challengeResponse, publicViewResponse, submittedResponse, taxonomyResponse } from './responses.js';

type ReportSchema = ReturnType<typeof reportSchema>;

const SUBMIT_SCOPE = 'POST /api/v1/public/reports';
const MESSAGE_SCOPE = 'POST /api/v1/public/track/messages';

/**
 * A multipart body pays its rate-limit hit and spends its proof-of-work before a byte of its files
 * is read, and only a few are read at once; a JSON body (at most 64 KB) is validated first and
 * counted in the admission statement, so a valid report costs two round trips.
 */
async function readReport(ctx: HttpContext, schema: ReportSchema, request: FastifyRequest): Promise<{ input: ReportInput; files: AttachmentInput[]; counted: boolean }> {
  if (!request.isMultipart()) return { input: parseRequest(request, 'body', schema), files: [], counted: false };
  await requireRate(ctx, request, 'submit', ctx.config.rateLimit.submitPerMinute);
  await requirePow(ctx, request);
  const mp = await withUploadSlot(() => readMultipart(request, ctx.config.uploads));
  let raw: unknown;
  try {
    raw = JSON.parse(mp.fields.report ?? '');
  } catch {
    throw new HttpError('malformed_json');
  }
  const input = parseRequest(request, 'body', schema, raw);
  // Charged only for a valid report, before any file is stored.
  await requireUploadQuota(ctx, request, mp.files.reduce((sum, f) => sum + f.bytes.length, 0));
  return { input, files: mp.files, counted: true };
}

/** The portal's reporter always reads the code from the screen: no clerk stands between them. */
function submitted(r: SubmitResult): { caseNumber: string; queryCode: string } {
  if (r.queryCode === null) throw new Error('a portal report must show its query code');
  return { caseNumber: r.caseNumber, queryCode: r.queryCode };
}

/** `counted`: the rate limit and proof-of-work were already paid (multipart). */
async function admitReport(ctx: HttpContext, request: FastifyRequest, counted: boolean): Promise<string> {
  const { deps, config } = ctx;
  const pow = counted ? null : await verifiedPow(ctx, request);
  const now = deps.clock.now();
  const year = yearIn(deps.timezone, now);
  const admission = await admit(deps.guardPool, {
    rateBucket: counted ? null : rateBucketKey(ctx, request, 'submit'),
    rateLimit: config.rateLimit.submitPerMinute,
    powKey: pow?.spentKey ?? null,
    powExpiresAt: pow?.expiresAt ?? null,
    sequence: `case_number_${String(year)}`,
    now,
  });
  switch (admission.kind) {
    case 'admitted':
      return formatCaseNumber(deps.caseNumber.prefix, year, admission.number, deps.caseNumber.width);
    case 'rate_limited':
      throw tooManyRequests(admission.retryAfterSeconds);
    case 'pow_spent':
      throw new HttpError('pow_required');
  }
}

async function handleSubmit(ctx: HttpContext, schema: ReportSchema, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  requireAllowedOrigin(ctx, request);
  const key = idempotencyKeyOf(request);
  const { input, files, counted } = await readReport(ctx, schema, request);
  const { deps } = ctx;
  if (key === undefined) {
    const caseNumber = await admitReport(ctx, request, counted);
    const result = await submitReport(deps, input, files, { channel: 'web', caseNumber });
    return reply.status(201).send(submitted(result));
  }
  const reqHash = requestHash(deps.ring, { input, files: files.map((f) => ({ name: f.name, type: f.mediaType, digest: deps.blind.index('attachment', f.bytes).toString('hex') })) });
  const stored = async (): Promise<{ status: number; body: unknown } | null> => {
    const found = await lookupIdempotency(deps.pool, deps.ring, SUBMIT_SCOPE, key, reqHash, deps.clock.now());
    if (found.kind === 'mismatch') throw new HttpError('idempotency_mismatch');
    return found.kind === 'replay' ? found : null;
  };
  const replay = (s: { status: number; body: unknown }) => reply.status(s.status).header('Idempotent-Replayed', 'true').send(s.body);
  // A retry of a stored answer needs no new proof-of-work: the client may have lost our first answer.
  const earlier = await stored();
  if (earlier) return replay(earlier);
  let caseNumber: string;
  try {
    caseNumber = await admitReport(ctx, request, counted);
  } catch (err) {
    // A retry whose twin spent the proof-of-work first gets the twin's answer, not a refusal.
    const twin = err instanceof HttpError && err.code === 'pow_required' ? await stored() : null;
    if (twin) return replay(twin);
    throw err;
  }
  try {
    const result = await submitReport(deps, input, files, {
      channel: 'web',
      caseNumber,
      idempotency: (r) => sealResponse(deps.ring, SUBMIT_SCOPE, key, reqHash, submitted(r), deps.clock.now()),
    });
    return await reply.status(201).send(submitted(result));
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
  const caseId = await resolveCaseByCode(ctx.deps, body.caseNumber, body.queryCode, ctx.config.rateLimit.wrongCodesPerMinute);
  if (!caseId) throw new HttpError('case_not_found');
  return caseId;
}

/**
 * Information added with files (multipart: the JSON field `message` and `files`). Like a multipart report,
 * the rate limit (the code bucket) and proof-of-work are paid before a byte is read; the code is resolved
 * before anything else about the body is judged, so a wrong code gets the same 404 even with a bad file;
 * the quota is charged only for a valid message to an open case, before its files are stored.
 */
async function readMessageWithFiles(ctx: HttpContext, request: FastifyRequest): Promise<{ caseId: string; text: string; files: AttachmentInput[] }> {
  requireAllowedOrigin(ctx, request);
  await requireRate(ctx, request, 'code', ctx.config.rateLimit.trackPerMinute);
  await requirePow(ctx, request);
  const resolved: { caseId: string | null; raw: unknown } = { caseId: null, raw: {} };
  // The code is resolved from the `message` part before any file is buffered: a wrong code (or files
  // sent before the message) ends the read with the same 404, having held no upload in memory.
  const resolveFirst = async (fields: Readonly<Record<string, string>>): Promise<void> => {
    try {
      resolved.raw = JSON.parse(fields.message ?? '');
    } catch {
      // Judged after the code: an unreadable field names no case, so the answer is the same 404.
    }
    const body = (typeof resolved.raw === 'object' && resolved.raw !== null ? resolved.raw : {}) as Record<string, unknown>;
    resolved.caseId = await resolveCaseByCode(ctx.deps, body.caseNumber, body.queryCode, ctx.config.rateLimit.wrongCodesPerMinute);
    if (resolved.caseId === null) throw new HttpError('case_not_found');
  };
  const mp = await withUploadSlot(() => readMultipartUnchecked(request, ctx.config.uploads, resolveFirst));
  const { caseId, raw } = resolved;
  if (caseId === null) throw new HttpError('case_not_found');
  const { text } = parseRequest(request, 'body', trackMessageSchema, raw);
  const files = await checkFiles(mp.files, ctx.config.uploads);
  await requireUploadQuota(ctx, request, files.reduce((sum, f) => sum + f.bytes.length, 0));
  return { caseId, text, files };
}

export function registerPublicRoutes(app: FastifyInstance, ctx: HttpContext): void {
  registerPortalInfoRoutes(app, ctx);
  app.get('/api/v1/public/taxonomy', { config: { policy: 'public' }, schema: { response: { 200: taxonomyResponse } } }, async (_request, reply) => {
    return reply.header('Cache-Control', 'public, max-age=300').send({ types: CASE_TYPES, scopes: CASE_SCOPES, policeBranches: POLICE_BRANCHES, regions: REGIONS });
  });

  app.get('/api/v1/public/challenge', { config: { policy: 'public', problems: ['too_many_requests'] }, schema: { response: { 200: challengeResponse } } }, async (request, reply) => {
    await requireRate(ctx, request, 'challenge', Math.max(60, ctx.config.rateLimit.submitPerMinute * 4));
    // While someone is guessing codes across cases, every client pays ten times the work.
    const underAttack = await wrongCodeBudgetExceeded(ctx.deps, ctx.config.rateLimit.wrongCodesPerMinute);
    const challenge = await issueChallenge(ctx.deps.ring, ctx.config.pow.maxNumber * (underAttack ? 10 : 1), ctx.deps.clock.now());
    return reply.send({ ...challenge, required: ctx.config.pow.enabled });
  });

  // Built once: compiling a zod schema per request costs more than the database work.
  const schema = reportSchema(() => dateIn(ctx.config.timezone, ctx.deps.clock.now()));
  app.post('/api/v1/public/reports', {
    config: { policy: 'public', input: { body: schema, multipart: true, headers: ['Idempotency-Key'] }, problems: ['origin_refused', 'pow_required', 'too_many_requests', 'idempotency_mismatch', 'bad_request'] },
    schema: { response: { 201: submittedResponse } },
  }, async (request, reply) => handleSubmit(ctx, schema, request, reply));

  app.post('/api/v1/public/track', { config: { policy: 'public_code', input: { body: trackSchema } }, schema: { response: { 200: publicViewResponse } } }, async (request, reply) => {
    const caseId = await resolveFromBody(ctx, request);
    parseRequest(request, 'body', trackSchema);
    return reply.send(await publicCaseView(ctx.deps, caseId));
  });

  app.post('/api/v1/public/track/messages', {
    config: { policy: 'public_code', input: { body: trackMessageSchema, multipart: 'message', headers: ['Idempotency-Key'] }, problems: ['conflict', 'too_many_requests', 'bad_request', 'idempotency_mismatch'] },
    schema: { response: { 201: publicViewResponse } },
  }, async (request, reply) => {
    const key = idempotencyKeyOf(request);
    const { caseId, text, files } = request.isMultipart()
      ? await readMessageWithFiles(ctx, request)
      : { caseId: await resolveFromBody(ctx, request), text: parseRequest(request, 'body', trackMessageSchema).text, files: [] };
    const { deps } = ctx;
    const added = async (replayed = false): Promise<FastifyReply> => {
      const view = await publicCaseView(deps, caseId);
      if (replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(201).send(view);
    };
    if (key === undefined) {
      if (!(await addReporterMessage(deps, caseId, text, files)).ok) throw new HttpError('conflict');
      return added();
    }
    // A retry after a lost answer adds nothing twice; the answer is the case as it stands now.
    const reqHash = requestHash(deps.ring, { caseId, text, files: files.map((f) => ({ name: f.name, type: f.mediaType, digest: deps.blind.index('attachment', f.bytes).toString('hex') })) });
    const earlier = async (): Promise<boolean> => {
      const found = await lookupIdempotency(deps.pool, deps.ring, MESSAGE_SCOPE, key, reqHash, deps.clock.now());
      if (found.kind === 'mismatch') throw new HttpError('idempotency_mismatch');
      return found.kind === 'replay';
    };
    if (await earlier()) return added(true);
    try {
      const outcome = await addReporterMessage(deps, caseId, text, files, sealResponse(deps.ring, MESSAGE_SCOPE, key, reqHash, { added: true }, deps.clock.now()));
      if (!outcome.ok) throw new HttpError('conflict');
    } catch (err) {
      // A concurrent twin committed first.
      if (!(isIdempotencyConflict(err) && (await earlier()))) throw err;
      return added(true);
    }
    return added();
  });

  app.post('/api/v1/public/track/rating', { config: { policy: 'public_code', input: { body: trackRatingSchema }, problems: ['conflict'] }, schema: { response: { 201: publicViewResponse } } }, async (request, reply) => {
    const caseId = await resolveFromBody(ctx, request);
    const r = parseRequest(request, 'body', trackRatingSchema);
    const outcome = await rateCase(ctx.deps, caseId, { rating: r.rating, reasons: r.reasons, comment: r.comment });
    if (!outcome.ok) throw new HttpError('conflict', [], {}, { zh: '案件答复后方可评价，且只能评价一次。', en: 'A case can be rated once, after its reply.' });
    return reply.status(201).send(await publicCaseView(ctx.deps, caseId));
  });
}
