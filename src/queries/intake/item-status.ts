// An inbox item's status, read before a form is checked: a missing item is 404 and a handled one 409
// whatever the form says (DESIGN §10 precedence).
import type { Deps } from '../../commands/deps.js';
import type { IntakeStatus } from '../../domain/intake.js';

export async function intakeItemStatus(deps: Deps, itemId: string): Promise<IntakeStatus | null> {
  const r = await deps.pool.query<{ status: IntakeStatus }>('SELECT status FROM intake_items WHERE id = $1', [itemId]);
  return r.rows[0]?.status ?? null;
}
