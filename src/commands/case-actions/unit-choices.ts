// The form check of an action, with one refinement: a unit the firewall refuses is reported with the
// firewall's reason. The offered enum already leaves such units out, so ajv alone would only say "not one
// of the choices"; the clerk who kept an old id or typed one deserves to know why (DESIGN §3.4, §10).
import type { StaffAction } from '../../domain/actions.js';
import type { CaseView } from '../../domain/case-view.js';
import { unitEligibility } from '../../domain/firewall.js';
import { ACTION_TABLE } from '../../domain/lifecycle.js';
import { tailoredFields } from '../../domain/offers.js';
import { CommandError, type CommandFieldError } from '../command-error.js';
import type { OrgSnapshot } from '../../store/reference-data.js';
import { validateActionInput, type ActionInput } from './form-validation.js';
import type { StaffActor } from './scope.js';
import { unitRefusal } from './support.js';

/** Fields whose enum tailoredFields narrows to the units the firewall allows. */
const UNIT_FIELDS: Partial<Record<StaffAction, readonly string[]>> = {
  accept: ['proposedUnitId', 'informUnitIds'],
  instruct: ['unitId', 'informUnitIds'],
  record_instruction: ['unitId', 'informUnitIds'],
  assign: ['leadUnitId', 'coUnitIds'],
  redispatch: ['unitId'],
};

function valueAt(body: unknown, field: string, index: string | undefined): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const v: unknown = (body as Record<string, unknown>)[field];
  return index === undefined ? v : Array.isArray(v) ? (v as unknown[])[Number(index)] : undefined;
}

function explained(e: CommandFieldError, fields: readonly string[], body: unknown, view: CaseView, org: OrgSnapshot): CommandFieldError {
  if (e.code !== 'invalid_choice') return e;
  const [field, index] = e.path.split('.');
  if (field === undefined || !fields.includes(field)) return e;
  const unitId = valueAt(body, field, index);
  if (typeof unitId !== 'string' || !org.units.has(unitId.trim())) return e;
  const eligibility = unitEligibility(view, org.tree, unitId.trim());
  return eligibility.eligible ? e : unitRefusal(field, eligibility.reason);
}

/** The validated input of the form this user is offered for this case, or a 422 that names every problem. */
export function validateOffered(action: StaffAction, view: CaseView, actor: StaffActor, org: OrgSnapshot, body: unknown): ActionInput {
  const schema = tailoredFields(action, ACTION_TABLE[action].fields, view, actor, org.tree);
  try {
    return validateActionInput(schema, body);
  } catch (err) {
    const fields = UNIT_FIELDS[action];
    if (!(err instanceof CommandError) || err.kind !== 'invalid' || fields === undefined) throw err;
    const errors = err.fieldErrors.map((e) => explained(e, fields, body, view, org));
    throw new CommandError('invalid', err.detail, errors.filter((e, i) => errors.findIndex((x) => x.path === e.path && x.code === e.code) === i));
  }
}
