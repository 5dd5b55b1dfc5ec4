// Staff sessions at the HTTP edge (DESIGN §7.3): cookies, CSRF on every staff write, idle and absolute limits, the actor.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { csrfTokenFor, loadSession, SESSION_STAGES, touchSession, type IssuedSession, type SessionStage, type StaffSession } from '../../commands/auth/sessions.js';
import type { Config } from '../../config.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { ROLE_LABELS, type Role } from '../../domain/roles.js';
import { timingSafeEqualStr } from '../../security/tokens.js';
import type { HttpContext } from '../context.js';
import { HttpError } from '../errors.js';

export type { StaffSession } from '../../commands/auth/sessions.js';

export interface CookieNames {
  readonly session: string;
  readonly csrf: string;
}

function overTls(config: Config): boolean {
  return config.publicUrl.protocol === 'https:';
}

/** `__Host-` names bind the cookies to this exact origin, which browsers allow only over TLS. */
export function cookieNames(config: Config): CookieNames {
  return overTls(config) ? { session: '__Host-zt_session', csrf: '__Host-csrf_token' } : { session: 'zt_session', csrf: 'csrf_token' };
}

function cookieOptions(config: Config, httpOnly: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly, sameSite: 'strict', secure: overTls(config) };
}

export function setSessionCookies(reply: FastifyReply, config: Config, issued: IssuedSession): void {
  const names = cookieNames(config);
  reply.setCookie(names.session, issued.token, cookieOptions(config, true));
  // Readable by the console's script, which echoes it in X-CSRF-Token.
  reply.setCookie(names.csrf, issued.csrfToken, cookieOptions(config, false));
}

export function clearSessionCookies(reply: FastifyReply, config: Config): void {
  const names = cookieNames(config);
  reply.clearCookie(names.session, cookieOptions(config, true));
  reply.clearCookie(names.csrf, cookieOptions(config, false));
}

export function presentedToken(request: FastifyRequest, config: Config): string | null {
  const value = request.cookies[cookieNames(config).session];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Login and the public surface have no session yet; they are guarded by Origin (and proof-of-work) instead.
function needsCsrf(request: FastifyRequest): boolean {
  if (!STATE_CHANGING.has(request.method)) return false;
  const path = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
  return path.startsWith('/api/v1/') && !path.startsWith('/api/v1/public/') && path !== '/api/v1/auth/login';
}

const STEP_LABELS = {
  totp: { zh: '请输入动态验证码', en: 'Enter your one-time code' },
  enrol: { zh: '请绑定动态验证码', en: 'Set up your authenticator app' },
  password_change: { zh: '请修改密码', en: 'Change your password' },
  authenticated: { zh: '已登录', en: 'Signed in' },
} as const satisfies Record<SessionStage, Bilingual>;

const loaded = new WeakMap<FastifyRequest, StaffSession>();

async function authenticate(ctx: HttpContext, request: FastifyRequest): Promise<StaffSession> {
  const cached = loaded.get(request);
  if (cached) return cached;
  const token = presentedToken(request, ctx.config);
  const session = token === null ? null : await loadSession(ctx.deps, token);
  if (!session) throw new HttpError('unauthenticated');
  if (needsCsrf(request)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !timingSafeEqualStr(header, csrfTokenFor(ctx.deps.ring, session.id))) throw new HttpError('csrf_failed');
  }
  // The console marks its polls, so a screen left open still times out after 30 idle minutes.
  if (request.headers['x-zhitong-background'] !== '1') await touchSession(ctx.deps, session.id);
  loaded.set(request, session);
  return session;
}

/** The session behind the request, at one of the given stages; 401, 403 csrf_failed or 403 step_required otherwise. */
export async function requireStaff(ctx: HttpContext, request: FastifyRequest, stages: readonly SessionStage[] = ['authenticated']): Promise<StaffSession> {
  const session = await authenticate(ctx, request);
  if (stages.includes(session.stage)) return session;
  // A signed-in user repeating a sign-in step is out of order, not missing a step.
  if (session.stage === 'authenticated') throw new HttpError('conflict');
  throw new HttpError('step_required', [{ path: 'stage', code: session.stage, message: STEP_LABELS[session.stage] }]);
}

/** For route options: `{ preHandler: staffGuard(ctx) }`, then `staffOf(request)` in the handler. */
export function staffGuard(ctx: HttpContext, stages: readonly SessionStage[] = ['authenticated']): preHandlerAsyncHookHandler {
  return async (request) => {
    await requireStaff(ctx, request, stages);
  };
}

/**
 * A signed-in user holding `role`: 401 without a session, 403 naming the missing role otherwise.
 * The centre's work (the inbox, registration) belongs to a role, not to everyone signed in; so does
 * each administrator's (three-role separation).
 */
export function roleGuard(ctx: HttpContext, role: Role): preHandlerAsyncHookHandler {
  return async (request) => {
    const session = await requireStaff(ctx, request);
    if (session.roles.includes(role)) return;
    const label = ROLE_LABELS[role];
    throw new HttpError('forbidden', [{ path: 'roles', code: role, message: label }], {}, { zh: `此操作需要“${label.zh}”角色。`, en: `This needs the ${label.en} role.` });
  };
}

export function staffOf(request: FastifyRequest): StaffSession {
  const session = loaded.get(request);
  if (!session) throw new Error('staffOf called on a route without staffGuard');
  return session;
}

/** The session a guard loaded for this request, if any (for hooks that run after the handler). */
export function loadedStaff(request: FastifyRequest): StaffSession | null {
  return loaded.get(request) ?? null;
}

export const ANY_STAGE: readonly SessionStage[] = SESSION_STAGES;

/** Fail closed: a staff write route that forgets its guard still needs a live session and the CSRF token. */
export function registerStaffSession(app: FastifyInstance, ctx: HttpContext): void {
  app.addHook('preHandler', async (request) => {
    if (needsCsrf(request)) await authenticate(ctx, request);
  });
}
