// Staff sign-in (DESIGN §7.3): password, TOTP or enrolment, forced password change, logout, and who am I.
import { demoAllowed } from '../../../config.js';
import { clientOf } from '../../client.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { changePassword, type NewPasswordProblem } from '../../../commands/auth/change-password.js';
import { confirmEnrolment, startEnrolment } from '../../../commands/auth/enrol-totp.js';
import { login } from '../../../commands/auth/login.js';
import { logout } from '../../../commands/auth/logout.js';
import { SESSION_STAGES, type IssuedSession } from '../../../commands/auth/sessions.js';
import { verifyTotpStep, type FactorFailure } from '../../../commands/auth/verify-totp.js';
import type { Bilingual } from '../../../domain/i18n-text.js';
import type { HttpContext } from '../../context.js';
import { HttpError, type ErrorCode } from '../../errors.js';
import { ANY_STAGE, clearSessionCookies, presentedToken, setSessionCookies, staffGuard, staffOf } from '../../plugins/staff-session.js';
import { requireAllowedOrigin, requireRate } from '../../public-guard.js';
import { parseRequest } from '../../route-input.js';
import { text } from '../../validation.js';

// Per client address and minute; the per-username lockout does the finer work.
const LOGIN_PER_MINUTE = 30;
const MAX_QUEUED_PASSWORD_CHECKS = 32;
// Passwords are never trimmed or normalised; the bound only keeps argon2 input sane.
const secret = z.string().min(1).max(1024);

const loginSchema = z.strictObject({ username: text(1, 64), password: secret });
const totpSchema = z.strictObject({ code: z.string().min(1).max(16) });
const enrolSchema = z.strictObject({ enrolmentCode: z.string().min(1).max(32), code: z.string().min(1).max(16).optional() });
const passwordSchema = z.strictObject({ currentPassword: secret, newPassword: secret });

const stageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['stage', 'csrfToken'],
  properties: { stage: { type: 'string', enum: [...SESSION_STAGES] }, csrfToken: { type: 'string' } },
} as const;
const enrolBody = {
  type: 'object',
  additionalProperties: false,
  required: ['secret', 'otpauthUri'],
  properties: { secret: { type: 'string' }, otpauthUri: { type: 'string' } },
} as const;
const nullableString = { type: ['string', 'null'] } as const;
const meBody = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'displayName', 'policeNumber', 'rank', 'unit', 'roles'],
  properties: {
    username: { type: 'string' },
    displayName: { type: 'string' },
    policeNumber: nullableString,
    rank: nullableString,
    unit: { type: 'object', additionalProperties: false, required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const;

const PASSWORD_PROBLEMS = {
  too_short: { zh: '密码至少需要12个字符', en: 'Use at least 12 characters' },
  too_long: { zh: '密码不能超过128个字符', en: 'Use at most 128 characters' },
  too_few_classes: { zh: '需包含大写字母、小写字母、数字、符号中的至少三类', en: 'Use at least three of: upper case, lower case, digits, symbols' },
  contains_username: { zh: '不能包含用户名或姓名', en: 'Do not include your username or name' },
  blocklisted: { zh: '密码过于常见或容易被猜到', en: 'This password is too common or easy to guess' },
  same_as_current: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
} as const satisfies Record<NewPasswordProblem, Bilingual>;

function sendStage(reply: FastifyReply, ctx: HttpContext, session: IssuedSession): FastifyReply {
  setSessionCookies(reply, ctx.config, session);
  return reply.send({ stage: session.stage, csrfToken: session.csrfToken });
}

function refused(failure: FactorFailure, wrongCode: ErrorCode): HttpError {
  switch (failure.kind) {
    case 'failed':
      return new HttpError(wrongCode);
    case 'locked':
      return new HttpError('account_locked', [], { 'Retry-After': String(failure.retryAfterSeconds) });
    case 'wrong_stage':
      // The session was rotated or revoked by a concurrent request after the guard let this one in.
      return new HttpError('unauthenticated');
  }
}

export function registerAuthRoutes(app: FastifyInstance, ctx: HttpContext): void {
  app.post('/api/v1/auth/login', { config: { policy: 'staff_signin', input: { body: loginSchema }, problems: ['origin_refused', 'too_many_requests', 'unavailable', 'login_failed', 'account_locked'] }, schema: { response: { 200: stageBody } } }, async (request, reply) => {
    requireAllowedOrigin(ctx, request);
    await requireRate(ctx, request, 'login', LOGIN_PER_MINUTE);
    const input = parseRequest(request, 'body', loginSchema);
    // A flood of sign-ins must not queue argon2 work without end: answer at once and let them retry.
    if (ctx.deps.passwords.queued > MAX_QUEUED_PASSWORD_CHECKS) throw new HttpError('unavailable', [], { 'Retry-After': '5' });
    const outcome = await login(ctx.deps, { ...input, ip: clientOf(request), presentedToken: presentedToken(request, ctx.config), require2fa: ctx.config.require2fa, exemptAccountsAllowed: demoAllowed(ctx.config), passwordMaxAgeDays: ctx.config.passwordMaxAgeDays });
    // Unknown user, wrong password and inactive user all end here with the same answer.
    if (outcome.kind === 'failed') throw new HttpError('login_failed');
    if (outcome.kind === 'locked') throw refused(outcome, 'login_failed');
    return sendStage(reply, ctx, outcome.session);
  });

  app.post('/api/v1/auth/totp', { config: { policy: 'staff_signin', input: { body: totpSchema }, problems: ['unauthenticated', 'csrf_failed', 'step_required', 'conflict', 'totp_failed', 'account_locked'] }, preHandler: staffGuard(ctx, ['totp']), schema: { response: { 200: stageBody } } }, async (request, reply) => {
    const session = staffOf(request);
    const { code } = parseRequest(request, 'body', totpSchema);
    const outcome = await verifyTotpStep(ctx.deps, { sessionId: session.id, code, ip: clientOf(request) });
    if (outcome.kind !== 'ok') throw refused(outcome, 'totp_failed');
    return sendStage(reply, ctx, outcome.session);
  });

  app.post('/api/v1/auth/totp/enrol', { config: { policy: 'staff_signin', input: { body: enrolSchema }, problems: ['unauthenticated', 'csrf_failed', 'step_required', 'conflict', 'enrolment_failed', 'totp_failed', 'account_locked'] }, preHandler: staffGuard(ctx, ['enrol']), schema: { response: { 200: { anyOf: [enrolBody, stageBody] } } } }, async (request, reply) => {
    const session = staffOf(request);
    const { enrolmentCode, code } = parseRequest(request, 'body', enrolSchema);
    if (code === undefined) {
      const started = await startEnrolment(ctx.deps, { sessionId: session.id, enrolmentCode, ip: clientOf(request) });
      if (started.kind !== 'secret') throw refused(started, 'enrolment_failed');
      return reply.send({ secret: started.secret, otpauthUri: started.otpauthUri });
    }
    const confirmed = await confirmEnrolment(ctx.deps, { sessionId: session.id, enrolmentCode, code, ip: clientOf(request) });
    if (confirmed.kind === 'enrolment_code_failed') throw new HttpError('enrolment_failed');
    // Confirming before asking for the secret is out of order.
    if (confirmed.kind === 'no_pending_secret') throw new HttpError('conflict');
    if (confirmed.kind !== 'ok') throw refused(confirmed, 'totp_failed');
    return sendStage(reply, ctx, confirmed.session);
  });

  app.post('/api/v1/auth/password', { config: { policy: 'staff_signin', input: { body: passwordSchema }, problems: ['unauthenticated', 'csrf_failed', 'step_required', 'conflict', 'weak_password', 'account_locked'] }, preHandler: staffGuard(ctx, ['password_change', 'authenticated']), schema: { response: { 200: stageBody } } }, async (request, reply) => {
    const session = staffOf(request);
    const { currentPassword, newPassword } = parseRequest(request, 'body', passwordSchema);
    const outcome = await changePassword(ctx.deps, { sessionId: session.id, userId: session.userId, currentPassword, newPassword, ip: clientOf(request) });
    switch (outcome.kind) {
      case 'ok':
        return sendStage(reply, ctx, outcome.session);
      case 'wrong_current':
        throw new HttpError('validation_failed', [{ path: 'currentPassword', code: 'incorrect', message: { zh: '当前密码不正确', en: 'The current password is not correct' } }]);
      case 'weak':
        throw new HttpError('weak_password', outcome.problems.map((p) => ({ path: 'newPassword', code: p, message: PASSWORD_PROBLEMS[p] })));
      case 'locked':
      case 'wrong_stage':
        throw refused(outcome, 'validation_failed');
    }
  });

  app.post('/api/v1/auth/logout', { config: { policy: 'staff_signin', input: { body: null }, problems: ['unauthenticated', 'csrf_failed'] }, preHandler: staffGuard(ctx, ANY_STAGE), schema: { response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const session = staffOf(request);
    await logout(ctx.deps, session);
    clearSessionCookies(reply, ctx.config);
    return reply.status(204).send();
  });

  app.get('/api/v1/me', { config: { policy: 'staff' }, preHandler: staffGuard(ctx), schema: { response: { 200: meBody } } }, async (request, reply) => {
    const s = staffOf(request);
    return reply.send({ username: s.username, displayName: s.displayName, policeNumber: s.policeNumber, rank: s.rank, unit: { code: s.unit.code, name: s.unit.name }, roles: s.roles });
  });
}
