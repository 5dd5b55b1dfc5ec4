// Pure rules of the generated action forms: which fields a schema has and which are required with the
// values typed so far, how typed values become the request body, and where the API's field errors belong.
import type { JsonSchema } from '../api/types.js';

export type FieldKind = 'text' | 'textarea' | 'id' | 'select' | 'multiselect' | 'units' | 'unit' | 'boolean' | 'integer' | 'date' | 'datetime' | 'list' | 'unsupported';

// Longer limits get a textarea: opinions, briefs, reports; short ones (names, numbers) a line.
const LONG_TEXT = 200;
const UNIT_FIELD = /(?:^u|U)nitIds?$/u;

/** What control a property needs; units are fields of unit ids whose choices the server narrowed to an enum. */
export function fieldKind(name: string, s: JsonSchema): FieldKind {
  switch (s.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
      return 'integer';
    case 'array':
      if (s.items?.type === 'object') return 'list';
      if (s.items?.enum !== undefined) return UNIT_FIELD.test(name) ? 'units' : 'multiselect';
      return 'unsupported';
    case 'string':
      if (s.enum !== undefined) return UNIT_FIELD.test(name) ? 'unit' : 'select';
      if (s.format === 'date') return 'date';
      if (s.format === 'date-time') return 'datetime';
      if (s.format === 'uuid') return 'id';
      return (s.maxLength ?? Infinity) > LONG_TEXT ? 'textarea' : 'text';
    case 'object':
    case undefined:
      return 'unsupported';
  }
}

export type Values = Readonly<Record<string, unknown>>;

function matches(test: JsonSchema, values: Values): boolean {
  for (const [field, cond] of Object.entries(test.properties ?? {})) {
    const v = values[field];
    if (cond.const !== undefined && v !== cond.const) return false;
    if (cond.enum !== undefined && !cond.enum.includes(String(v))) return false;
  }
  return (test.required ?? []).every((f) => values[f] !== undefined && values[f] !== null && values[f] !== '');
}

/** Required fields now: the schema's own plus each `if … then required` whose condition the values meet. */
export function requiredNow(schema: JsonSchema, values: Values): Set<string> {
  const required = new Set(schema.required ?? []);
  for (const rule of schema.allOf ?? []) {
    if (rule.if !== undefined && rule.then !== undefined && matches(rule.if, values)) for (const f of rule.then.required ?? []) required.add(f);
  }
  return required;
}

interface DateLike {
  format(template: string): string;
  toISOString(): string;
}

function isDateLike(v: unknown): v is DateLike {
  return typeof v === 'object' && v !== null && typeof (v as Partial<DateLike>).format === 'function' && typeof (v as Partial<DateLike>).toISOString === 'function';
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function convert(s: JsonSchema, v: unknown): unknown {
  if (isDateLike(v)) return s.format === 'date' ? v.format('YYYY-MM-DD') : v.toISOString();
  if (s.type === 'array' && s.items?.type === 'object' && Array.isArray(v)) return v.map((item: unknown) => toBody(s.items ?? {}, (item ?? {}) as Values));
  return v;
}

/** The body the API gets: only the schema's fields, empty ones left out, dates as the API writes them. */
export function toBody(schema: JsonSchema, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const v = values[name];
    if (isEmpty(v)) continue;
    body[name] = convert(s, v);
  }
  return body;
}

/** `discipline.0.outcome` (the API's path) as a form name path. */
export function namePathOf(path: string): (string | number)[] {
  return path.split('.').filter((p) => p !== '').map((p) => (/^\d+$/u.test(p) ? Number(p) : p));
}

/** A property's label in the user's language, falling back to its Chinese title and then its name. */
export function labelOf(name: string, s: JsonSchema, lang: 'zh' | 'en'): string {
  return s['x-label']?.[lang] ?? s.title ?? name;
}
