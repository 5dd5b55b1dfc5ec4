// One place maps every failure to application/problem+json in the request's language.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommandError } from '../../commands/command-error.js';
import { isDatabaseUnavailable } from '../../store/db-errors.js';
import { HttpError, langOf, problemOf, type ErrorCode } from '../errors.js';

/** A command's refusal as the problem DESIGN §10 names; not_found is one byte-identical answer. */
export function httpErrorOf(err: CommandError): HttpError {
  switch (err.kind) {
    case 'not_found':
      return new HttpError('not_found');
    case 'forbidden':
      return new HttpError('forbidden', err.fieldErrors, {}, err.detail);
    case 'precondition_required':
      return new HttpError('precondition_required');
    case 'stale':
      return new HttpError('precondition_failed');
    case 'wrong_state':
      return new HttpError('conflict', err.fieldErrors, {}, err.detail);
    case 'invalid':
      return new HttpError('validation_failed', err.fieldErrors, {}, err.detail);
  }
}

function codeOfFastifyError(err: FastifyError): ErrorCode | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_PROTO_VIOLATION':
      return 'bad_request';
    default:
      break;
  }
  if (err.statusCode === 400 && err.message.includes('JSON')) return 'malformed_json';
  if (err.statusCode === 413) return 'payload_too_large';
  if (err.statusCode === 415) return 'unsupported_media_type';
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return 'bad_request';
  return null;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, err: HttpError): FastifyReply {
  const problem = problemOf(err, langOf(request.headers['accept-language']));
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Answers an unknown page a browser asked for (the portal's 404 page), or null to answer with a problem. */
export type HtmlNotFound = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | null;

export function registerErrorHandler(app: FastifyInstance, htmlNotFound: HtmlNotFound = () => null): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof HttpError) return sendProblem(request, reply, err);
    if (err instanceof CommandError) return sendProblem(request, reply, httpErrorOf(err));
    const code = codeOfFastifyError(err);
    if (code) return sendProblem(request, reply, new HttpError(code));
    // PostgreSQL out of reach: a 503 the client may retry; the pools reconnect by themselves once it is back.
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: { type: err.name, code: err.code } }, 'database unavailable');
      return sendProblem(request, reply, new HttpError('database_unavailable', [], { 'Retry-After': '5' }));
    }
    // The log gets the error class and code, never the message's data or PostgreSQL DETAIL.
    request.log.error({ err: { type: err.name, code: err.code } }, 'request failed');
    return sendProblem(request, reply, new HttpError('internal'));
  });
  // The answer depends on Accept (the portal's page or a problem) and must outlive no deploy in a cache.
  app.setNotFoundHandler((request, reply) => {
    reply.header('cache-control', 'no-store').header('vary', 'Accept');
    return htmlNotFound(request, reply) ?? sendProblem(request, reply, new HttpError('not_found'));
  });
}
