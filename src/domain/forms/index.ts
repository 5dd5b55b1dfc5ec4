// The form of every action, in one record so a new action fails to compile until its form exists.
import type { CaseAction } from '../actions.js';
import { CLOSING_FORMS } from './closing-forms.js';
import { COMMON_FORMS } from './common-forms.js';
import { HANDLING_FORMS } from './handling-forms.js';
import { INTAKE_FORMS } from './intake-forms.js';
import type { JsonSchema } from './schema.js';

export const ACTION_FIELDS = {
  ...INTAKE_FORMS,
  ...HANDLING_FORMS,
  ...CLOSING_FORMS,
  ...COMMON_FORMS,
} as const satisfies Record<CaseAction, JsonSchema>;

export type { JsonSchema } from './schema.js';
