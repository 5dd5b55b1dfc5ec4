// A clerk registers a case from a call, voicemail, letter, the report box, a visit or a superior's
// transfer (DESIGN §5): POST /api/v1/cases, JSON or multipart with scans.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dateIn } from '../../../commands/case-number.js';
import { isIdempotencyConflict, lookupIdempotency, requestHash, sealResponse } from '../../../commands/idempotency.js';
import { submitReport, type AttachmentInput } from '../../../commands/submit-report.js';
import type { HttpContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { idempotencyKeyOf } from '../../idempotency-key.js';
import { roleGuard, staffOf } from '../../plugins/staff-session.js';
import { staffCaseSchema, type StaffCaseInput } from '../../schemas/staff-case.js';
import { readMultipart, withUploadSlot } from '../../uploads.js';
import { parseRequest } from '../../route-input.js';
import { presentRegistered, registeredResponse } from './registered-response.js';

const ROUTE = 'POST /api/v1/cases';

type Schema = ReturnType<typeof staffCaseSchema>;

async function readRegistration(schema: Schema, request: FastifyRequest): Promise<{ input: StaffCaseInput; files: AttachmentInput[] }> {
  if (!request.isMultipart()) return { input: parseRequest(request, 'body', schema), files: [] };
  const mp = await withUploadSlot(() => readMultipart(request));
  let raw: unknown;
  try {
    raw = JSON.parse(mp.fields.report ?? '');
  } catch {
    throw new HttpError('malformed_json');
  }
  return { input: parseRequest(request, 'body', schema, raw), files: mp.files };
}

async function register(ctx: HttpContext, schema: Schema, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { deps } = ctx;
  const actor = { userId: staffOf(request).userId };
  const key = idempotencyKeyOf(request);
  const { input, files } = await readRegistration(schema, request);
  const { channel, receivedAt, channelDetails, ...report } = input;
  const callId = 'callId' in channelDetails ? channelDetails.callId : undefined;
  const options = { channel, receivedAt, channelDetails, actor, callId };
  if (key === undefined) return reply.status(201).send(presentRegistered(await submitReport(deps, report, files, options)));
  // Scoped to the route and the clerk: another clerk's key never replays this answer.
  const scope = `${ROUTE} ${actor.userId}`;
  const reqHash = requestHash(deps.ring, { input, files: files.map((f) => ({ name: f.name, type: f.mediaType, digest: deps.blind.index('attachment', f.bytes).toString('hex') })) });
  const stored = async (): Promise<{ status: number; body: unknown } | null> => {
    const found = await lookupIdempotency(deps.pool, deps.ring, scope, key, reqHash, deps.clock.now());
    if (found.kind === 'mismatch') throw new HttpError('idempotency_mismatch');
    return found.kind === 'replay' ? found : null;
  };
  const replay = (s: { status: number; body: unknown }) => reply.status(s.status).header('Idempotent-Replayed', 'true').send(s.body);
  const earlier = await stored();
  if (earlier) return replay(earlier);
  try {
    const result = await submitReport(deps, report, files, {
      ...options,
      idempotency: (r) => sealResponse(deps.ring, scope, key, reqHash, presentRegistered(r), deps.clock.now()),
    });
    return await reply.status(201).send(presentRegistered(result));
  } catch (err) {
    // A concurrent twin committed first: answer with what it stored.
    const twin = isIdempotencyConflict(err) ? await stored() : null;
    if (twin) return replay(twin);
    throw err;
  }
}

export function registerCaseRegistrationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  // Built once: compiling a zod schema per request costs more than the database work.
  const schema = staffCaseSchema(() => dateIn(ctx.config.timezone, ctx.deps.clock.now()), () => ctx.deps.clock.now());
  app.post('/api/v1/cases', {
    config: { policy: 'staff', input: { body: schema, multipart: true, headers: ['Idempotency-Key'] }, problems: ['forbidden', 'idempotency_mismatch', 'too_many_requests', 'bad_request'] },
    preHandler: roleGuard(ctx, 'intake'),
    schema: { response: { 201: registeredResponse } },
  }, async (request, reply) => register(ctx, schema, request, reply));
}
