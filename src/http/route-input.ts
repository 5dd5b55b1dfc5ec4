// What a route accepts, declared in its options next to its policy so the OpenAPI document
// (DESIGN §10) describes the very schemas the handler parses: one source, never a copy.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { HttpError } from './errors.js';
import { parseInput } from './validation.js';

/** A request body the route checks itself (the case actions' forms): documented as plain JSON Schema. */
export interface DocumentedBody {
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  /** whether a request may leave the body out */
  readonly required: boolean;
}

/** Request headers the document knows how to describe. */
export type DocumentedHeader = 'Idempotency-Key' | 'If-Match';

export interface RouteInput {
  /** Path parameters; a value that cannot name anything answers 404, never 422. */
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  /** The JSON body; `null` says the route reads none. */
  readonly body?: z.ZodType | DocumentedBody | null;
  /**
   * Also accepted as multipart/form-data: the body as a JSON field (`report` for `true`, else the field
   * named here), files beside it.
   */
  readonly multipart?: boolean | string;
  readonly headers?: readonly DocumentedHeader[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    input?: RouteInput;
    /** Refusals beyond those its policy and input imply (409, 412, 428 …), for the document. */
    problems?: readonly ErrorCode[];
  }
}

type Part = 'params' | 'query' | 'body';

function requireDeclared(request: FastifyRequest, part: Part, schema: z.ZodType): void {
  // A handler parsing something other than what it declares would make the document lie.
  if (request.routeOptions.config.input?.[part] !== schema) {
    throw new Error(`${request.method} ${request.routeOptions.url ?? '?'} parses a ${part} schema it does not declare in config.input`);
  }
}

/** The query or body through the route's declared schema: 422 naming each field. */
export function parseRequest<S extends z.ZodType>(request: FastifyRequest, part: 'query' | 'body', schema: S, value: unknown = request[part]): z.output<S> {
  requireDeclared(request, part, schema);
  return parseInput(schema, value);
}

/** The path parameters through the route's declared schema; a malformed one names nothing, so 404. */
export function pathParams<S extends z.ZodObject>(request: FastifyRequest, schema: S): z.output<S> {
  requireDeclared(request, 'params', schema);
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new HttpError('not_found');
  return parsed.data;
}
