// GET /api/v1/cases/:number for one user (DESIGN §10): clocks, flags, 流转记录, parts, the reporter block
// of §7.2 and the actions this user may take. Reading is audited; identity is audited before it leaves.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import { isCentreRole, REPORTER_FACING_ROLES } from '../../domain/actions.js';
import type { LocalDate } from '../../domain/calendar/local-date.js';
import { STATE_INFO, publicStageOf, type CaseState } from '../../domain/case-states.js';
import { currentLevel, type Actor } from '../../domain/case-view.js';
import { light, remainingText, type Light } from '../../domain/clocks/lights.js';
import type { Bilingual } from '../../domain/i18n-text.js';
import { availableActions, type ActionOffer } from '../../domain/policies.js';
import { reporterAccessFor, mayRevealReporter } from '../../domain/reporter-visibility.js';
import { insertAudit } from '../../store/audit-rows.js';
import { readableCase } from './readable.js';
import { withSubjectRecords } from './subject-choices.js';
import { withHandlerChoices } from './unit-handlers.js';
import { messagesOf, notesOf, reporterOf, subjectsOf, timelineOf, unitRef, type ReporterBlock, type SubjectDetail, type TextEntry, type TimelineRow, type UnitRef } from './case-parts.js';
import { deliveriesOf, type DeliveryEntry } from './case-deliveries.js';
import { followUpsOf, type CaseFollowUps } from './case-follow-ups.js';
import { attachmentsOf, pendingOf, repliesOf, resultsOf, type AttachmentEntry, type PendingEntry, type ReplyEntry, type ResultEntry } from './case-outcomes.js';

export interface Clock {
  readonly due: string | null;
  readonly text: Bilingual;
  readonly light: Light;
}

export interface CaseDetail {
  readonly caseNumber: string;
  readonly version: number;
  readonly channel: string;
  readonly type: string;
  readonly scope: string | null;
  readonly problemType: string | null;
  readonly policeBranch: string | null;
  readonly reportedPoliceBranch: string | null;
  readonly urgency: string;
  readonly businessRelated: boolean;
  readonly isAccusation: boolean;
  readonly sealed: boolean;
  readonly state: CaseState;
  readonly stateLabel: Bilingual;
  readonly publicStage: string | null;
  readonly anonymity: string;
  readonly mode: string | null;
  readonly title: string;
  readonly content: string;
  readonly occurredAt: string | null;
  readonly location: string | null;
  readonly receivedAt: string;
  readonly registeredAt: string;
  readonly acceptedAt: string | null;
  readonly cycle: number;
  readonly clocks: { readonly public: Clock; readonly unit: Clock; readonly light: Light };
  readonly flags: Readonly<Record<string, boolean>>;
  readonly currentUnit: UnitRef | null;
  readonly handler: string | null;
  readonly chain: readonly { depth: number; unit: UnitRef | null; coUnits: (UnitRef | null)[]; assignedAt: string; unitDue: string; signedForAt: string | null; granted: boolean }[];
  readonly timeline: readonly TimelineRow[];
  readonly subjects: readonly SubjectDetail[];
  readonly reporter: ReporterBlock | null;
  readonly reporterRevealable: boolean;
  readonly channelDetails: Readonly<Record<string, unknown>> | null;
  readonly proposal: Readonly<Record<string, unknown>> | null;
  readonly messages: readonly (TextEntry & { direction: string })[];
  readonly notes: readonly TextEntry[];
  readonly attachments: readonly AttachmentEntry[];
  readonly results: readonly ResultEntry[];
  readonly replies: readonly ReplyEntry[];
  /** texts to the reporter and how they went; centre roles only */
  readonly deliveries: readonly DeliveryEntry[];
  /** follow-up outcomes and the case's hotline calls; centre roles only */
  readonly followUps: CaseFollowUps;
  readonly pending: readonly PendingEntry[];
  readonly actions: readonly ActionOffer[];
}

export interface DetailOptions {
  /** after reveal_reporter: the full identity, for this response only */
  readonly reveal?: boolean;
}

function clock(deps: { calendar: Parameters<typeof light>[0] }, today: LocalDate, due: string | null): Clock {
  const d = due as LocalDate | null;
  return { due, light: light(deps.calendar, today, d), text: { zh: remainingText(deps.calendar, today, d, 'zh'), en: remainingText(deps.calendar, today, d, 'en') } };
}

export async function caseDetail(deps: Deps, actor: Actor, caseNumber: string, opts: DetailOptions = {}): Promise<CaseDetail> {
  return inTransaction(deps.pool, (tx) => detailIn(deps, tx, actor, caseNumber, opts));
}

async function detailIn(deps: Deps, tx: pg.PoolClient, actor: Actor, caseNumber: string, opts: DetailOptions): Promise<CaseDetail> {
  const { record, view, org, calendar, today } = await readableCase(deps, tx, actor, caseNumber);
  const row = record.row;
  const centre = actor.roles.some(isCentreRole);
  const access = opts.reveal === true && row.anonymity === 'real_name' ? 'full' : reporterAccessFor(actor, view);
  const reporter = access === 'none' ? null : await reporterOf(deps, tx, row.id, access);
  const identityShown = reporter !== null || (access === 'full' && row.channelDetailsEnc !== null);
  // The read is on record before any byte of it leaves: if this insert fails, nothing is sent.
  await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'case.view', caseId: row.id, target: identityShown ? `reporter:${access}` : null });
  const ref = (column: string) => ({ table: 'cases', column, rowId: row.id });
  const details = deps.cipher.decryptJson<{ occurredAt: string | null; location: string | null }>(ref('details_enc'), row.detailsEnc);
  const names = await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [row.handlerUserId]);
  const publicClock = clock({ calendar }, today, row.publicDue);
  const unitClock = clock({ calendar }, today, row.unitDue);
  const subjects = await subjectsOf(deps, tx, org, row.id);
  return {
    caseNumber: row.caseNumber,
    version: row.version,
    channel: row.channel,
    type: row.type,
    scope: row.scope,
    problemType: row.problemType,
    policeBranch: row.policeBranch,
    reportedPoliceBranch: row.reportedPoliceBranch,
    urgency: row.urgency,
    businessRelated: row.businessRelated,
    isAccusation: row.isAccusation,
    sealed: row.sealed,
    state: view.state,
    stateLabel: STATE_INFO[view.state].label,
    publicStage: publicStageOf(view.state),
    anonymity: row.anonymity,
    mode: row.mode,
    title: deps.cipher.decryptText(ref('title_enc'), row.titleEnc),
    content: deps.cipher.decryptText(ref('content_enc'), row.contentEnc),
    occurredAt: details.occurredAt,
    location: details.location,
    receivedAt: row.receivedAt.toISOString(),
    registeredAt: row.createdAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    cycle: row.cycle,
    clocks: { public: publicClock, unit: unitClock, light: view.flags.suspended ? 'none' : centre ? publicClock.light : unitClock.light },
    flags: {
      chased: view.flags.chased,
      supervised: view.flags.supervised,
      suspended: view.flags.suspended,
      overdue: view.flags.overdue,
      awaitingConfirmation: view.pending.length > 0,
      dissatisfied: view.flags.dissatisfied,
      followUpDue: view.flags.followUpDue,
      falseAccusationDeclared: view.flags.falseAccusationDeclared,
    },
    currentUnit: unitRef(org, row.currentUnitId),
    handler: names.rows[0]?.display_name ?? null,
    chain: record.levels.map((l) => ({
      depth: l.depth,
      unit: unitRef(org, l.unitId),
      coUnits: l.coUnitIds.map((u) => unitRef(org, u)),
      assignedAt: l.assignedAt.toISOString(),
      unitDue: l.unitDue,
      signedForAt: l.signedForAt?.toISOString() ?? null,
      granted: l.granted,
    })),
    timeline: await timelineOf(deps, tx, org, row.id),
    subjects,
    reporter,
    reporterRevealable: mayRevealReporter(actor, view),
    channelDetails: access === 'full' && row.channelDetailsEnc !== null ? deps.cipher.decryptJson<Record<string, unknown>>(ref('channel_details_enc'), row.channelDetailsEnc) : null,
    proposal: centre && row.proposalEnc !== null ? deps.cipher.decryptJson<Record<string, unknown>>(ref('proposal_enc'), row.proposalEnc) : null,
    messages: centre ? await messagesOf(deps, tx, row.id) : [],
    notes: await notesOf(deps, tx, row.id),
    attachments: await attachmentsOf(deps, tx, row.id, centre ? 'all' : { unitId: actor.unitId }),
    results: await resultsOf(deps, tx, row.id),
    replies: await repliesOf(deps, tx, row.id),
    deliveries: centre ? await deliveriesOf(tx, row.id) : [],
    followUps: centre ? await followUpsOf(deps, tx, row.id, actor.roles.some((r) => (REPORTER_FACING_ROLES as readonly string[]).includes(r))) : { records: [], calls: [] },
    pending: await pendingOf(tx, record),
    actions: withSubjectRecords(await withHandlerChoices(deps, tx, view, org.tree, currentLevel(view)?.unitId ?? null, availableActions(view, actor, org.tree)), subjects),
  };
}
