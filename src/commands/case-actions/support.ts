// Shared pieces of the effects: reading the form, the clocks of DESIGN §4, dispatch levels, notices.
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { isLocalDate } from '../../domain/calendar/local-date.js';
import type { CaseView } from '../../domain/case-view.js';
import { publicDeadline, subUnitDeadline, unitDeadline, UNIT_FLOOR_WORKING_DAYS, type Deadline, type UnitDeadline } from '../../domain/clocks/deadlines.js';
import { publicPolicyFor } from '../../domain/clocks/deadline-policy.js';
import type { CaseType } from '../../domain/data/taxonomy.js';
import { unitEligibility, type UnitIneligibility } from '../../domain/firewall.js';
import type { AcceptMode } from '../../domain/forms/codes.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { localDateOf } from '../../store/case-view-of.js';
import { CommandError, invalid, type CommandFieldError } from '../command-error.js';
import { uuidv7 } from '../ids.js';
import type { ActionScope } from './scope.js';

export function str(s: ActionScope, name: string): string | undefined {
  const v = s.input[name];
  return typeof v === 'string' ? v : undefined;
}

export function need(s: ActionScope, name: string): string {
  const v = str(s, name);
  if (v === undefined) throw invalid(name, 'required', '此项为必填项', 'This field is required');
  return v;
}

export function strings(s: ActionScope, name: string): string[] {
  const v = s.input[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function bool(s: ActionScope, name: string): boolean {
  return s.input[name] === true;
}

export function num(s: ActionScope, name: string): number | undefined {
  const v = s.input[name];
  return typeof v === 'number' ? v : undefined;
}

export function encryptText(s: ActionScope, table: string, column: string, rowId: string, value: string): Buffer {
  return s.deps.cipher.encrypt({ table, column, rowId }, value);
}

export function encryptJson(s: ActionScope, table: string, column: string, rowId: string, value: unknown): Buffer {
  return s.deps.cipher.encryptJson({ table, column, rowId }, value);
}

export function newId(s: ActionScope): string {
  return uuidv7(s.now.getTime());
}

export function publicDueOf(s: ActionScope): LocalDate | null {
  return s.record.row.publicDue as LocalDate | null;
}

/** The public deadline a case gets at acceptance (or a new cycle): null for modes and types without one. */
export function startPublicClock(s: ActionScope, type: CaseType, mode: AcceptMode): Deadline | null {
  const policy = publicPolicyFor(type, mode, s.policies);
  if (policy === null) return null;
  const start = policy.startsAt === 'receipt' ? localDateOf(s.record.row.receivedAt, s.deps.timezone) : s.today;
  return publicDeadline(s.calendar, start, policy);
}

const INELIGIBLE_TEXT: Readonly<Record<UnitIneligibility, Bilingual>> = {
  subject_unit: { zh: '该单位为被反映人所在单位，不能承办', en: "The subject's own unit cannot handle this case" },
  below_subject_unit: { zh: '该单位隶属于被反映人所在单位，不能承办', en: "A unit below the subject's unit cannot handle this case" },
  head_forbidden: { zh: '该单位负责人在回避范围内，不能承办', en: 'The head of this unit is barred from this case' },
  sealed: { zh: '密封件不能交办', en: 'A sealed case cannot be assigned' },
};

/** The field error a refused unit gets, with the firewall's reason as its code (`unit_subject_unit` …). */
export function unitRefusal(path: string, reason: UnitIneligibility): CommandFieldError {
  const t = INELIGIBLE_TEXT[reason];
  return { path, code: `unit_${reason}`, message: t };
}

/** The firewall's guard on every command that sets units (DESIGN §3.4), against the case as it will be. */
export function assertEligible(s: ActionScope, view: CaseView, path: string, unitIds: readonly string[]): void {
  for (const unitId of unitIds) {
    if (!s.org.units.has(unitId)) throw invalid(path, 'unknown_unit', '单位不存在', 'No such unit');
    const e = unitEligibility(view, s.org.tree, unitId);
    if (!e.eligible) throw new CommandError('invalid', undefined, [unitRefusal(path, e.reason)]);
  }
}

/** A unit deadline: the rule's default, or the date the user chose if it lies between the floor and the ceiling. */
export function chooseUnitDue(s: ActionScope, ceiling: { readonly publicDue: LocalDate | null } | { readonly parentDue: LocalDate }, chosen: string | undefined): UnitDeadline {
  const computed = 'parentDue' in ceiling ? subUnitDeadline(s.calendar, s.today, ceiling.parentDue) : unitDeadline(s.calendar, s.today, ceiling.publicDue);
  if (chosen === undefined) return computed;
  if (!isLocalDate(chosen)) throw invalid('unitDeadline', 'invalid_date', '日期格式不正确', 'Not a valid date');
  const floor = s.calendar.addWorkingDays(s.today, UNIT_FLOOR_WORKING_DAYS);
  if (chosen < floor) throw invalid('unitDeadline', 'unit_deadline_too_short', `承办时限不得少于${String(UNIT_FLOOR_WORKING_DAYS)}个工作日（最早${floor}）`, `The unit deadline must leave at least ${String(UNIT_FLOOR_WORKING_DAYS)} working days (${floor} at the earliest)`);
  const limit = 'parentDue' in ceiling ? ceiling.parentDue : ceiling.publicDue;
  if (limit !== null && chosen > limit) throw invalid('unitDeadline', 'unit_deadline_too_late', `承办时限不得晚于上级时限（${limit}）`, `The unit deadline may not be later than the deadline above (${limit})`);
  return { due: chosen, flaggedShort: false, provisional: s.calendar.anyProvisional(s.today, chosen) };
}

export interface NewLevel {
  readonly unitId: string;
  readonly coUnitIds: readonly string[];
  readonly depth: number;
  readonly due: UnitDeadline;
  readonly brief: string | undefined;
  readonly cycle?: number;
}

/** Adds a level to the dispatch chain: the unit's grant, its deadline and the 交办单 brief (DESIGN §2, §3.4). */
export function addLevel(s: ActionScope, level: NewLevel): void {
  const id = newId(s);
  const brief = level.brief === undefined ? null : encryptText(s, 'dispatch_levels', 'brief_enc', id, level.brief);
  const cycle = level.cycle ?? s.record.row.cycle;
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO dispatch_levels (id, case_id, cycle, depth, unit_id, co_unit_ids, assigned_at, assigned_by, unit_due, unit_due_provisional, flagged_short, brief_enc)
       VALUES ($1, $2, $3::int, $4::int, $5, $6::uuid[], $7::timestamptz, $8, $9::date, $10, $11, $12)`,
      [id, s.record.row.id, cycle, level.depth, level.unitId, level.coUnitIds, s.now, s.actor.userId, level.due.due, level.due.provisional, level.due.flaggedShort, brief],
    ),
  );
  s.change.set('currentUnitId', level.unitId).set('unitDue', level.due.due).set('handlerUserId', null).moveTo('assigned');
  // The unit works from derivatives, made by a job once this commits (DESIGN §3.4).
  s.change.outbox.push({ kind: 'case.derivatives', payload: { caseId: s.record.row.id } });
  s.change.notify({ roles: ['liaison'], unitId: level.unitId }, 'to_sign_for');
  for (const co of level.coUnitIds) s.change.notify({ roles: ['liaison'], unitId: co }, 'to_sign_for');
  if (level.due.flaggedShort) s.change.notify({ roles: ['assigner'] }, 'unit_deadline_short');
}

/** A notice to the reporter through the outbox: ids only; the sender renders it (DESIGN §5). */
export function noticeToReporter(s: ActionScope, notice: string): void {
  s.change.outbox.push({ kind: 'reporter.notice', payload: { caseId: s.record.row.id, notice } });
}
