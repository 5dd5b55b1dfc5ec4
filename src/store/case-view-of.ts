// The domain's CaseView from a stored record: what the policies and the firewall read (DESIGN §3).
import { CLOCK_STATES } from '../domain/state-groups.js';
import type { BusinessCalendar } from '../domain/calendar/business-calendar.js';
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { CaseState } from '../domain/case-states.js';
import type { CaseView, ReviewStage } from '../domain/case-view.js';
import type { Anonymity } from '../domain/channels.js';
import { returnWindowEnd } from '../domain/clocks/step-clocks.js';
import type { CaseScope, CaseType } from '../domain/data/taxonomy.js';
import type { PendingKind } from '../domain/pending-kinds.js';
import type { CaseRole, Rank } from '../domain/roles.js';
import type { CaseRecord } from './case-record.js';

export interface ViewContext {
  readonly today: LocalDate;
  readonly calendar: BusinessCalendar;
  readonly sealedGroup: readonly string[];
  readonly returnWindowDays?: number;
}

export function reviewStageOf(text: string | null): ReviewStage | null {
  if (text === null) return null;
  if (text === 'centre' || text === 'approved') return { at: text };
  const level = /^unit:(\d+)$/u.exec(text)?.[1];
  return level === undefined ? null : { at: 'unit', level: Number(level) };
}

export function reviewStageText(stage: ReviewStage | null): string | null {
  if (stage === null) return null;
  return stage.at === 'unit' ? `unit:${String(stage.level)}` : stage.at;
}

/** The date part of an instant in the bureau's zone. */
export function localDateOf(at: Date, timezone: string): LocalDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at) as LocalDate;
}


export function caseViewOf(rec: CaseRecord, ctx: ViewContext, timezone: string): CaseView {
  const r = rec.row;
  const state = r.state as CaseState;
  const live = rec.levels.filter((l) => l.granted);
  const current = live.at(-1);
  const returnWindowOpen =
    current !== undefined && current.signedForAt === null && ctx.today <= returnWindowEnd(ctx.calendar, localDateOf(current.assignedAt, timezone), ctx.returnWindowDays);
  const suspended = r.suspendedSince !== null;
  return {
    state,
    type: r.type as CaseType,
    scope: r.scope as CaseScope | null,
    anonymity: r.anonymity as Anonymity,
    reporterConsentsToName: r.reporterConsentsToName,
    subjects: rec.subjects.map((s) => ({ id: s.id, userId: s.linkedUserId, unitId: s.linkedUnitId, policeNumber: s.policeNumberKey, rank: s.rank as Rank | null })),
    isAccusation: r.isAccusation,
    sealed: r.sealed,
    sealedGroup: ctx.sealedGroup,
    chain: rec.levels.map((l) => ({ unitId: l.unitId, coUnitIds: l.coUnitIds, granted: l.granted })),
    conflicts: rec.conflicts,
    handlerUserId: r.handlerUserId,
    reporterGrantUnitIds: rec.reporterGrantUnitIds,
    informedUnitIds: rec.informedUnitIds,
    pending: rec.pending.map((p) => ({
      id: p.id,
      kind: p.kind as PendingKind,
      requestedBy: p.requestedBy,
      requestedAt: p.requestedAt.toISOString(),
      confirmations: p.confirmations.map((c) => ({ userId: c.userId, role: c.role as CaseRole })),
    })),
    review: reviewStageOf(r.reviewStage),
    reopenCount: r.reopenCount,
    extensionDaysUsedThisCycle: r.extensionDaysUsed,
    flags: {
      chased: r.chased,
      supervised: r.supervised,
      suspended,
      overdue: !suspended && r.publicDue !== null && CLOCK_STATES.includes(state) && r.publicDue < ctx.today,
      returnWindowOpen,
      unitDeadlinePassed: r.unitDue !== null && r.unitDue < ctx.today,
      followUpDue: rec.followUp?.status === 'open',
      dissatisfied: r.dissatisfied,
      rated: r.rated,
      falseAccusationDeclared: r.falseAccusation,
    },
  };
}
