// What an action's effect reads (the locked record, its view, the organisation, the clocks) and what it
// writes (one CaseChange), so every effect is a small function and one writer commits them all.
import type pg from 'pg';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import type { CaseState } from '../../domain/case-states.js';
import type { Actor, CaseView } from '../../domain/case-view.js';
import type { DeadlinePolicies } from '../../domain/clocks/deadline-policy.js';
import type { StaffAction } from '../../domain/actions.js';
import type { PendingKind } from '../../domain/pending-kinds.js';
import type { OutboxKind } from '../../domain/outbox-kinds.js';
import type { RoutingTable } from '../../domain/routing.js';
import type { CaseField } from '../../store/case-row.js';
import type { CaseRecord } from '../../store/case-record.js';
import type { OrgSnapshot } from '../../store/reference-data.js';
import type { Deps } from '../deps.js';
import type { Notice, Recipients } from '../notify.js';
import type { ActionInput } from './form-validation.js';

/** The signed-in user as commands need them: the domain's Actor plus a name for the 流转记录. */
export interface StaffActor extends Actor {
  readonly displayName: string;
}

export interface TimelineEntry {
  readonly event: string;
  readonly opinion?: string | undefined;
  readonly unitId?: string | null | undefined;
  /** shown to the reporter in the public view */
  readonly public?: boolean;
}

export type { Recipients } from '../notify.js';

type Value = string | number | boolean | Date | Buffer | null;

export class CaseChange {
  readonly patch = new Map<CaseField, Value>();
  readonly events: TimelineEntry[] = [];
  readonly notifications: Notice[] = [];
  readonly outbox: { kind: OutboxKind; payload: Record<string, string | number | boolean> }[] = [];
  /** child-table writes, run in order before the case row is updated */
  readonly writes: ((tx: pg.PoolClient) => Promise<unknown>)[] = [];
  auditTarget: string | null = null;
  /** encrypted into the audit row (a break-glass reason) */
  auditDetails: Record<string, string> | null = null;
  /** what the response adds for this action alone (a revealed identity) */
  extra: Record<string, unknown> | null = null;

  set(field: CaseField, value: Value): this {
    this.patch.set(field, value);
    return this;
  }

  moveTo(state: CaseState): this {
    return this.set('state', state);
  }

  event(entry: TimelineEntry): this {
    this.events.push(entry);
    return this;
  }

  notify(to: Recipients, kind: string): this {
    this.notifications.push({ to, kind });
    return this;
  }

  write(fn: (tx: pg.PoolClient) => Promise<unknown>): this {
    this.writes.push(fn);
    return this;
  }
}

export interface ActionScope {
  readonly deps: Deps;
  readonly tx: pg.PoolClient;
  readonly action: StaffAction;
  readonly actor: StaffActor;
  readonly record: CaseRecord;
  readonly view: CaseView;
  readonly org: OrgSnapshot;
  readonly calendar: BusinessCalendar;
  readonly policies: DeadlinePolicies;
  readonly routing: RoutingTable;
  readonly now: Date;
  readonly today: LocalDate;
  readonly input: ActionInput;
  readonly change: CaseChange;
  /** set when a second person's confirmation applies a held request: its rule is satisfied */
  readonly confirmed?: PendingKind;
}

export type Effect = (s: ActionScope) => Promise<void> | void;
