// Each action's input is checked against the very schema the case detail offers in `actions`
// (DESIGN §10): strict objects, enums of eligible units, lengths in code points.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { JsonSchema } from '../../domain/forms/index.js';
import { CommandError, type CommandFieldError } from '../command-error.js';

// ajv-formats is CommonJS: under NodeNext its callable is the namespace's `default`.
const addFormats = ajvFormats.default as unknown as (ajv: Ajv, formats: string[]) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, coerceTypes: false, useDefaults: false });
addFormats(ajv, ['date', 'date-time', 'uuid']);
// Labels for the console: annotations only.
ajv.addKeyword({ keyword: 'x-label', schemaType: 'object' });
ajv.addKeyword({ keyword: 'x-enum-labels', schemaType: 'object' });

const compiled = new Map<string, ValidateFunction>();
const CACHE_MAX = 500;

/** An empty choice (no eligible unit, no subject yet) accepts nothing; ajv wants that said as `not: {}`. */
function forAjv(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forAjv);
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema).map(([k, v]) => [k, k === 'enum' || k === 'x-enum-labels' || k === 'x-label' ? v : forAjv(v)] as const);
  const out: Record<string, unknown> = Object.fromEntries(entries);
  if (Array.isArray(out.enum) && out.enum.length === 0) {
    delete out.enum;
    out.not = {};
  }
  return out;
}

function validatorFor(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (fn === undefined) {
    fn = ajv.compile(forAjv(schema) as object);
    if (compiled.size >= CACHE_MAX) compiled.delete(compiled.keys().next().value ?? '');
    compiled.set(key, fn);
  }
  return fn;
}

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/** Strings are NFC-normalised and trimmed before the schema sees them, as on every other form. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

function controlCharPaths(value: unknown, path: string): string[] {
  if (typeof value === 'string') return CONTROL.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharPaths(v, `${path}.${String(i)}`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => controlCharPaths(v, path === '' ? k : `${path}.${k}`));
  return [];
}

function pathOf(e: ErrorObject): string {
  const base = e.instancePath.replace(/^\//u, '').replaceAll('/', '.');
  const missing = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : null;
  const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : null;
  const leaf = missing ?? extra;
  return leaf === null ? base : base === '' ? leaf : `${base}.${leaf}`;
}

function fieldErrorOf(e: ErrorObject): CommandFieldError | null {
  const path = pathOf(e);
  const limit = (e.params as { limit?: number }).limit ?? 0;
  switch (e.keyword) {
    case 'required':
      return { path, code: 'required', message: { zh: '此项为必填项', en: 'This field is required' } };
    case 'additionalProperties':
      return { path, code: 'unknown_field', message: { zh: '不允许的字段', en: 'Unknown field' } };
    case 'enum':
    case 'const':
    case 'not':
      return { path, code: 'invalid_choice', message: { zh: '请从给定选项中选择', en: 'Choose one of the given options' } };
    case 'minLength':
      return limit <= 1
        ? { path, code: 'required', message: { zh: '此项为必填项', en: 'This field is required' } }
        : { path, code: 'too_short', message: { zh: `至少填写${String(limit)}个字`, en: `Enter at least ${String(limit)} characters` } };
    case 'maxLength':
      return { path, code: 'too_long', message: { zh: `不能超过${String(limit)}个字`, en: `Enter at most ${String(limit)} characters` } };
    case 'minimum':
    case 'maximum':
      return { path, code: 'out_of_range', message: { zh: '数值超出允许范围', en: 'The number is out of range' } };
    case 'minItems':
    case 'maxItems':
    case 'uniqueItems':
      return { path, code: 'invalid_list', message: { zh: '选择的数量或内容不正确', en: 'The list has the wrong number of entries or repeats one' } };
    case 'format':
    case 'pattern':
    case 'type':
      return { path, code: 'invalid_type', message: { zh: '格式不正确', en: 'Wrong format' } };
    case 'if':
      // "then" already reported what is missing.
      return null;
    default:
      return { path, code: 'invalid', message: { zh: '填写内容有误', en: 'Invalid value' } };
  }
}

export type ActionInput = Readonly<Record<string, unknown>>;

/** The validated, normalised input, or a CommandError('invalid') listing every problem. */
export function validateActionInput(schema: JsonSchema, body: unknown): ActionInput {
  const input = normalise(body ?? {});
  const validate = validatorFor(schema);
  const errors: CommandFieldError[] = [];
  if (!validate(input)) {
    for (const e of validate.errors ?? []) {
      const fe = fieldErrorOf(e);
      if (fe !== null && !errors.some((x) => x.path === fe.path && x.code === fe.code)) errors.push(fe);
    }
  }
  for (const path of controlCharPaths(input, '')) errors.push({ path, code: 'invalid_characters', message: { zh: '包含不允许的控制字符', en: 'Contains control characters' } });
  if (errors.length > 0) throw new CommandError('invalid', undefined, errors);
  return input as ActionInput;
}
