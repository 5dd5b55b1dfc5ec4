// Forms narrowed to one case: the choices the server restricts are in the schema (DESIGN §10, enum of eligible units).
import type { CaseAction } from './actions.js';
import { chainUnitIds, currentLevel, type Actor, type CaseView } from './case-view.js';
import { assignableUnits } from './firewall.js';
import { GRANT_WHAT_LABELS } from './forms/codes.js';
import { choice, codes, requiring, withoutProperty, withProperty, type JsonSchema } from './forms/schema.js';
import { decidableBy } from './pending-decisions.js';
import { descendantsOf, type UnitTree } from './units.js';

function eligibleUnits(c: CaseView, tree: UnitTree): string[] {
  return assignableUnits(c, tree).flatMap((u) => (u.eligibility.eligible ? [u.unitId] : []));
}

/** Replaces a unit field (or the items of a unit list) with an enum of the allowed ids, keeping its labels. */
function narrowUnits(schema: JsonSchema, name: string, allowed: readonly string[]): JsonSchema {
  const field = schema.properties?.[name];
  if (field === undefined) return schema;
  const label = field['x-label'] ?? { zh: field.title ?? name, en: name };
  if (field.type === 'array' && field.items !== undefined) {
    return withProperty(schema, name, { ...field, items: codes(field.items['x-label'] ?? label, allowed) });
  }
  return withProperty(schema, name, codes(label, allowed));
}

function narrowAll(schema: JsonSchema, names: readonly string[], allowed: readonly string[]): JsonSchema {
  return names.reduce((s, n) => narrowUnits(s, n, allowed), schema);
}

/** The action's form as this user gets it for this case. */
export function tailoredFields(action: CaseAction, fields: JsonSchema, c: CaseView, actor: Actor, tree: UnitTree): JsonSchema {
  switch (action) {
    case 'accept':
      return narrowAll(fields, ['proposedUnitId', 'informUnitIds'], eligibleUnits(c, tree));
    case 'instruct':
    case 'record_instruction':
      return narrowAll(fields, ['unitId', 'informUnitIds'], eligibleUnits(c, tree));
    case 'assign':
      return narrowAll(fields, ['leadUnitId', 'coUnitIds'], eligibleUnits(c, tree));
    case 'sign_for':
      // "Sign for and handle myself" only for a liaison who is also a handler (DESIGN §3.2).
      return actor.roles.includes('handler') ? fields : withoutProperty(fields, 'handleMyself');
    case 'redispatch': {
      const level = currentLevel(c);
      const below = level === null ? [] : descendantsOf(tree, level.unitId);
      const eligible = new Set(eligibleUnits(c, tree));
      return narrowUnits(fields, 'unitId', below.filter((u) => eligible.has(u)));
    }
    case 'grant_original': {
      const narrowed = narrowUnits(fields, 'unitId', chainUnitIds(c));
      if (actor.roles.includes('supervision_head')) return narrowed;
      // Only the supervision_head lets a unit see the reporter of an accusation (DESIGN §7.2).
      return withProperty(narrowed, 'what', choice({ zh: '授权内容', en: 'What' }, { attachment: GRANT_WHAT_LABELS.attachment }));
    }
    case 'confirm':
    case 'decline':
      return withProperty(fields, 'decisionId', codes({ zh: '待确认事项', en: 'Pending decision' }, decidableBy(actor, c, 'confirm').map((d) => d.id)));
    case 'submit_result': {
      const withSubjects = withProperty(fields, 'discipline', disciplineFor(fields, c));
      return c.isAccusation ? requiring(withSubjects, ['investigationReport']) : withSubjects;
    }
    default:
      return fields;
  }
}

/** Outcomes per officer name only this case's subjects. */
function disciplineFor(fields: JsonSchema, c: CaseView): JsonSchema {
  const list = fields.properties?.discipline;
  const item = list?.items;
  if (list === undefined || item === undefined) return fields;
  return { ...list, items: narrowUnits(item, 'subjectId', c.subjects.map((s) => s.id)) };
}
