// Batch forms of DESIGN §3.2 (POST /api/v1/cases/batch/:action, each case in its own transaction):
// which queue offers which batch, the fields it asks once for all cases, and the body sent.
import type { Bilingual } from '../../../../src/domain/i18n-text.js';
import { INSTRUCT_MODE_LABELS } from '../../../../src/domain/forms/codes.js';
import type { JsonSchema } from '../../../../src/domain/forms/schema.js';
import { COMMON_FORMS } from '../../../../src/domain/forms/common-forms.js';
import { toBody } from '../actions/form-values.js';

export interface BatchAction {
  readonly action: 'instruct' | 'sign_for' | 'chase' | 'assign';
  readonly label: Bilingual;
  /** Asked once, sent with every case; fixed values go in `fixed`. */
  readonly fields: JsonSchema;
  readonly fixed: Readonly<Record<string, unknown>>;
  /**
   * The fields are the first selected case's own offer of this action (the assign form's unit enum is
   * the units that case may go to); the API still checks each case against its own firewall.
   */
  readonly fieldsFromFirstCase?: boolean;
}

const instruct: BatchAction = {
  action: 'instruct',
  label: { zh: '批量同意拟办', en: 'Approve the proposals' },
  fields: {
    type: 'object',
    properties: {
      mode: { type: 'string', title: '办理方式', 'x-label': { zh: '办理方式', en: 'Handling mode' }, enum: Object.keys(INSTRUCT_MODE_LABELS), 'x-enum-labels': INSTRUCT_MODE_LABELS },
      text: { type: 'string', title: '批示内容', 'x-label': { zh: '批示内容', en: 'Instruction' }, minLength: 1, maxLength: 5000 },
    },
    required: ['mode', 'text'],
  },
  fixed: { decision: 'approve' },
};

const signFor: BatchAction = { action: 'sign_for', label: { zh: '批量签收', en: 'Sign for all' }, fields: { type: 'object', properties: {} }, fixed: {} };

const chase: BatchAction = { action: 'chase', label: { zh: '批量催办', en: 'Chase all' }, fields: COMMON_FORMS.chase, fixed: {} };

const assign: BatchAction = { action: 'assign', label: { zh: '批量交办', en: 'Assign all' }, fields: { type: 'object', properties: {} }, fixed: {}, fieldsFromFirstCase: true };

/**
 * The batch a queue offers. The API still decides per case and answers per case; the chase batch is
 * shown on the clock queues only to users who can chase at all (the assigner), to spare others a
 * list of refusals.
 */
export function batchFor(queueKey: string, roles: readonly string[]): BatchAction | null {
  switch (queueKey) {
    case 'to_instruct':
      return instruct;
    case 'to_sign_for':
      return signFor;
    case 'to_assign':
      return roles.includes('assigner') ? assign : null;
    case 'due_soon':
    case 'overdue':
      return roles.includes('assigner') ? chase : null;
    default:
      return null;
  }
}

export interface BatchResult {
  readonly caseNumber: string;
  readonly status: number;
  readonly version: number | null;
  readonly code: string | null;
  readonly detail: string | null;
}

/** `schema`: the fields the dialog asked, when they came from the first case rather than from `batch`. */
export function batchBody(
  batch: BatchAction,
  items: readonly { caseNumber: string; version: number }[],
  typed: Readonly<Record<string, unknown>>,
  schema: JsonSchema = batch.fields,
): { items: { caseNumber: string; version: number }[]; fields: Record<string, unknown> } {
  // Dates and units converted as the single action's dialog converts them (toBody).
  const fields: Record<string, unknown> = { ...batch.fixed, ...toBody(schema, typed) };
  return { items: items.map((i) => ({ caseNumber: i.caseNumber, version: i.version })), fields };
}
