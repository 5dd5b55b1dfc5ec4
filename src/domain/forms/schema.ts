// The JSON Schema subset (draft 2020-12) the action forms use; the console draws its forms from it (DESIGN §10).
import type { Bilingual } from '../i18n-text.js';

export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  /** The Chinese label; `x-label` carries both languages. */
  readonly title?: string;
  readonly 'x-label'?: Bilingual;
  readonly enum?: readonly string[];
  readonly 'x-enum-labels'?: Readonly<Record<string, Bilingual>>;
  readonly const?: string | boolean;
  readonly format?: 'date' | 'date-time' | 'uuid';
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly allOf?: readonly JsonSchema[];
  readonly if?: JsonSchema;
  readonly then?: JsonSchema;
}

/** Longest free text on a form, in code points (DESIGN §10 counts code points, as JSON Schema does). */
export const TEXT_MAX = 5_000;

const labelled = (label: Bilingual): Pick<JsonSchema, 'title' | 'x-label'> => ({ title: label.zh, 'x-label': label });

export function text(label: Bilingual, max = TEXT_MAX): JsonSchema {
  return { type: 'string', ...labelled(label), minLength: 1, maxLength: max };
}

/** A closed choice whose codes carry their own labels. */
export function choice<C extends string>(label: Bilingual, labels: Readonly<Record<C, Bilingual>>): JsonSchema {
  return { type: 'string', ...labelled(label), enum: Object.keys(labels), 'x-enum-labels': labels };
}

/** A closed choice of codes labelled elsewhere (taxonomy, or ids the server fills in per case). */
export function codes(label: Bilingual, values: readonly string[]): JsonSchema {
  return { type: 'string', ...labelled(label), enum: [...values] };
}

export function flag(label: Bilingual): JsonSchema {
  return { type: 'boolean', ...labelled(label) };
}

export function date(label: Bilingual): JsonSchema {
  return { type: 'string', ...labelled(label), format: 'date' };
}

export function dateTime(label: Bilingual): JsonSchema {
  return { type: 'string', ...labelled(label), format: 'date-time' };
}

export function id(label: Bilingual): JsonSchema {
  return { type: 'string', ...labelled(label), format: 'uuid' };
}

export function int(label: Bilingual, minimum: number, maximum: number): JsonSchema {
  return { type: 'integer', ...labelled(label), minimum, maximum };
}

export function list(label: Bilingual, items: JsonSchema, maxItems: number, minItems = 0): JsonSchema {
  return { type: 'array', ...labelled(label), items, minItems, maxItems, uniqueItems: true };
}

/** A strict object: unknown keys are refused (DESIGN §10). */
export function form(properties: Readonly<Record<string, JsonSchema>>, required: readonly string[] = [], allOf: readonly JsonSchema[] = []): JsonSchema {
  return { type: 'object', properties, required, additionalProperties: false, ...(allOf.length > 0 ? { allOf } : {}) };
}

/** "When `field` is one of `values`, these fields are required." */
export function when(field: string, values: readonly (string | boolean)[], required: readonly string[]): JsonSchema {
  const test: JsonSchema = values.length === 1 && typeof values[0] === 'boolean' ? { const: values[0] } : { enum: values.map(String) };
  return { if: { properties: { [field]: test }, required: [field] }, then: { required } };
}

/** The same schema with one property replaced, e.g. a unit field narrowed to the eligible units of a case. */
export function withProperty(schema: JsonSchema, name: string, property: JsonSchema): JsonSchema {
  if (schema.properties?.[name] === undefined) return schema;
  return { ...schema, properties: { ...schema.properties, [name]: property } };
}

/** The same schema without one property (a choice this user cannot make). */
export function withoutProperty(schema: JsonSchema, name: string): JsonSchema {
  if (schema.properties?.[name] === undefined) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([key]) => key !== name));
  return { ...schema, properties, required: (schema.required ?? []).filter((r) => r !== name) };
}

/** The same schema with more required fields. */
export function requiring(schema: JsonSchema, names: readonly string[]): JsonSchema {
  const required = [...(schema.required ?? [])];
  for (const n of names) if (!required.includes(n)) required.push(n);
  return { ...schema, required };
}
