// A case as one user may read it: nonexistent, out of scope, recused and sealed all end in the same not_found.
import type pg from 'pg';
import { CommandError } from '../../commands/command-error.js';
import type { Deps } from '../../commands/deps.js';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { Actor, CaseView } from '../../domain/case-view.js';
import { canSee } from '../../domain/policies.js';
import { findCaseRow, loadCaseParts, type CaseRecord } from '../../store/case-record.js';
import { caseViewOf, localDateOf } from '../../store/case-view-of.js';
import type { OrgSnapshot } from '../../store/reference-data.js';

export interface ReadableCase {
  readonly record: CaseRecord;
  readonly view: CaseView;
  readonly org: OrgSnapshot;
  readonly calendar: BusinessCalendar;
  readonly today: LocalDate;
}

export async function readableCase(deps: Deps, db: pg.ClientBase, actor: Actor, caseNumber: string): Promise<ReadableCase> {
  const row = await findCaseRow(db, caseNumber, false);
  if (row === null) throw new CommandError('not_found');
  const { org, calendar, sealedGroup } = await deps.reference.get(db);
  const today = localDateOf(deps.clock.now(), deps.timezone);
  const record = await loadCaseParts(db, row);
  const view = caseViewOf(record, { today, calendar, sealedGroup }, deps.timezone);
  if (!canSee(actor, view, org.tree)) throw new CommandError('not_found');
  return { record, view, org, calendar, today };
}
