// Guards of the public surface: allowed origin, proof-of-work, rate limits per client (DESIGN §7.4).
import type { FastifyRequest } from 'fastify';
import { verifyPowHeader, type VerifiedPow } from '../security/pow.js';
import { hashToken } from '../security/tokens.js';
import { chargeQuota, hitRateLimit, spendChallenge } from '../store/guards.js';
import { clientOf } from './client.js';
import type { HttpContext } from './context.js';
import { HttpError } from './errors.js';

/** Browsers send Origin on writes; Sec-Fetch-Site same-origin is accepted where Origin is absent. */
export function requireAllowedOrigin(ctx: HttpContext, request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    if (ctx.allowedOrigins.has(origin)) return;
    throw new HttpError('origin_refused');
  }
  if (request.headers['sec-fetch-site'] === 'same-origin') return;
  throw new HttpError('origin_refused');
}

/** Checks the solution without spending it; null when proof-of-work is off. */
export async function verifiedPow(ctx: HttpContext, request: FastifyRequest): Promise<VerifiedPow | null> {
  if (!ctx.config.pow.enabled) return null;
  const header = request.headers['x-zhitong-pow'];
  const verified = await verifyPowHeader(ctx.deps.ring, typeof header === 'string' ? header : undefined, ctx.deps.clock.now());
  if (!verified) throw new HttpError('pow_required');
  return verified;
}

export async function requirePow(ctx: HttpContext, request: FastifyRequest): Promise<void> {
  const verified = await verifiedPow(ctx, request);
  if (verified && !(await spendChallenge(ctx.deps.guardPool, verified.spentKey, verified.expiresAt))) throw new HttpError('pow_required');
}

export function rateBucketKey(ctx: HttpContext, request: FastifyRequest, bucket: RateBucket): Buffer {
  return hashToken(ctx.deps.ring, 'rate-limit', `${bucket}\u0000${clientOf(request)}`);
}

export function tooManyRequests(retryAfterSeconds: number): HttpError {
  return new HttpError('too_many_requests', [], { 'Retry-After': String(retryAfterSeconds) });
}

const DAY_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;

/** Per-client and global attachment quotas (DESIGN §7.4); charged before any file is stored. */
export async function requireUploadQuota(ctx: HttpContext, request: FastifyRequest, bytes: number): Promise<void> {
  if (bytes === 0) return;
  const kib = Math.ceil(bytes / 1024);
  const now = ctx.deps.clock.now();
  const { clientMbPerDay, globalMbPerHour } = ctx.config.uploadQuota;
  const client = hashToken(ctx.deps.ring, 'rate-limit', `upload\u0000${clientOf(request)}`);
  const everyone = hashToken(ctx.deps.ring, 'rate-limit', 'upload\u0000global');
  if (!(await chargeQuota(ctx.deps.guardPool, client, kib, clientMbPerDay * 1024, now, DAY_MS))) throw tooManyRequests(3600);
  if (!(await chargeQuota(ctx.deps.guardPool, everyone, kib, globalMbPerHour * 1024, now, HOUR_MS))) throw tooManyRequests(600);
}

export type RateBucket = 'submit' | 'code' | 'challenge' | 'login';

/** One bucket per purpose: every endpoint that takes a query code shares the 'code' bucket. */
export async function requireRate(ctx: HttpContext, request: FastifyRequest, bucket: RateBucket, limit: number): Promise<void> {
  const decision = await hitRateLimit(ctx.deps.guardPool, rateBucketKey(ctx, request, bucket), limit, ctx.deps.clock.now());
  if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
}
