// A route's declared input as OpenAPI 3.1 parameters and request body. Zod schemas are rendered as
// the client sends them (io: 'input'), so transforms show their input side, refinements nothing.
import { z } from 'zod';
import type { DocumentedBody, DocumentedHeader, RouteInput } from '../route-input.js';
import { UPLOAD_LIMITS } from '../uploads.js';

export type JsonObject = Record<string, unknown>;

/** JSON Schema 2020-12 of what a client may send; throws at start-up for a schema that cannot be said. */
export function inputJsonSchema(schema: z.ZodType): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonObject;
  return rest;
}

interface ObjectSchema {
  readonly properties: Readonly<Record<string, JsonObject>>;
  readonly required: readonly string[];
}

function objectParts(schema: z.ZodObject, where: string): ObjectSchema {
  const json = inputJsonSchema(schema);
  if (json.type !== 'object' || typeof json.properties !== 'object' || json.properties === null) throw new Error(`${where}: not a plain object schema`);
  return { properties: json.properties as Record<string, JsonObject>, required: Array.isArray(json.required) ? (json.required as string[]) : [] };
}

const HEADERS: Readonly<Record<DocumentedHeader, JsonObject>> = {
  'Idempotency-Key': {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Repeating a create with the same key and body answers the stored result once more (DESIGN §7.4).',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
  'If-Match': {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The case version as an ETag ("7"; a bare 7 is accepted). Without it a case write answers 428, with a stale one 412.',
    schema: { type: 'string', maxLength: 40 },
  },
};

/** Path parameters in OpenAPI's `{name}` form, the query's fields one by one, and the documented headers. */
export function parametersOf(url: string, input: RouteInput): JsonObject[] {
  const out: JsonObject[] = [];
  if (input.params !== undefined) {
    const { properties } = objectParts(input.params, `${url} params`);
    for (const [name, schema] of Object.entries(properties)) out.push({ name, in: 'path', required: true, schema });
  }
  if (input.query !== undefined) {
    const { properties, required } = objectParts(input.query, `${url} query`);
    // OpenAPI cannot say that unknown query keys are refused; the description does (DESIGN §10).
    for (const [name, schema] of Object.entries(properties)) out.push({ name, in: 'query', required: required.includes(name), schema });
  }
  for (const header of input.headers ?? []) out.push(HEADERS[header]);
  return out;
}

function isDocumentedBody(body: z.ZodType | DocumentedBody): body is DocumentedBody {
  return !(body instanceof z.ZodType);
}

/** The request body object, or undefined for a route that reads none. */
export function requestBodyOf(input: RouteInput): JsonObject | undefined {
  const body = input.body;
  if (body === undefined || body === null) return undefined;
  const schema = isDocumentedBody(body) ? body.jsonSchema : inputJsonSchema(body);
  const required = isDocumentedBody(body) ? body.required : !body.safeParse(undefined).success;
  const content: JsonObject = { 'application/json': { schema } };
  if (input.multipart !== undefined && input.multipart !== false) {
    const field = input.multipart === true ? 'report' : input.multipart;
    content['multipart/form-data'] = {
      schema: {
        type: 'object',
        required: [field],
        properties: {
          [field]: { type: 'string', contentMediaType: 'application/json', contentSchema: schema, description: 'the same JSON as the application/json body' },
          files: { type: 'array', maxItems: UPLOAD_LIMITS.files, items: { type: 'string', contentMediaType: 'application/octet-stream' }, description: 'attachments, each checked against the allowed file types' },
        },
      },
      encoding: { [field]: { contentType: 'application/json' } },
    };
  }
  return { required, content };
}
