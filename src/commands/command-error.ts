// How a command refuses: the kinds of DESIGN §10's precedence, mapped to HTTP statuses at the edge.
import type { Bilingual } from '../domain/i18n-text.js';

export type CommandFailure = 'not_found' | 'forbidden' | 'precondition_required' | 'stale' | 'wrong_state' | 'invalid';

export interface CommandFieldError {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

export class CommandError extends Error {
  constructor(
    readonly kind: CommandFailure,
    readonly detail?: Bilingual,
    readonly fieldErrors: readonly CommandFieldError[] = [],
  ) {
    super(kind);
  }
}

export const invalid = (path: string, code: string, zh: string, en: string): CommandError =>
  new CommandError('invalid', undefined, [{ path, code, message: { zh, en } }]);
