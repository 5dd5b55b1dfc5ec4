// Effects of the centre's decisions before a unit holds the case (DESIGN §3.2): accept, not_accept,
// merge, instruct / record_instruction, assign, reclassify, dispatch_onsite.
import { activeLevels, chainUnitIds } from '../../domain/case-view.js';
import type { AcceptMode, InstructMode } from '../../domain/forms/codes.js';
import { nextStateForAccept, nextStateForInstruct } from '../../domain/next-state.js';
import { sealRequired } from '../../domain/routing.js';
import { caseViewOf } from '../../store/case-view-of.js';
import { findCaseRow, loadCaseParts } from '../../store/case-record.js';
import { loadSealedGroup } from '../../store/reference-data.js';
import { canSee } from '../../domain/policies.js';
import { invalid } from '../command-error.js';
import { applyClassification, assertSubjectsIdentified } from './classification.js';
import { addLevel, assertEligible, chooseUnitDue, encryptJson, encryptText, need, newId, noticeToReporter, publicDueOf, startPublicClock, str, strings } from './support.js';
import type { ActionScope } from './scope.js';

interface Proposal {
  readonly text: string;
  readonly unitDeadline?: string;
  readonly informUnitIds?: readonly string[];
  readonly transferTo?: string;
}

export async function acceptCase(s: ActionScope): Promise<void> {
  const classified = await applyClassification(s);
  assertSubjectsIdentified(s, classified);
  const mode = need(s, 'mode') as AcceptMode;
  // A seal is never lifted by accepting, and the units are judged against the case as sealed.
  const sealed = s.record.row.sealed || mode === 'report_up' || sealRequired(classified, s.org.tree, s.routing);
  const after = { ...classified, sealed };
  const proposedUnitId = str(s, 'proposedUnitId');
  const informUnitIds = strings(s, 'informUnitIds');
  assertEligible(s, after, 'proposedUnitId', proposedUnitId === undefined ? [] : [proposedUnitId]);
  assertEligible(s, after, 'informUnitIds', informUnitIds);
  const c = s.change;
  const proposal: Proposal = { text: need(s, 'proposal'), unitDeadline: str(s, 'unitDeadline'), informUnitIds, transferTo: str(s, 'transferTo') };
  const clock = startPublicClock(s, after.type, mode);
  const to = nextStateForAccept(mode);
  c.set('mode', mode).set('proposalEnc', encryptJson(s, 'cases', 'proposal_enc', s.record.row.id, proposal)).set('proposedUnitId', proposedUnitId ?? null);
  c.set('acceptedAt', s.now).set('publicDue', clock?.due ?? null).set('publicDueProvisional', clock?.provisional ?? false).set('sealed', sealed);
  c.moveTo(to);
  if (to === 'closed') c.set('closedAt', s.now);
  c.event({ event: 'accept', opinion: proposal.text, public: true });
  if (to === 'awaiting_instruction') c.notify({ dutyOn: s.today }, 'to_instruct');
  noticeToReporter(s, to === 'transferred_out' ? 'transferred' : 'accepted');
}

export function notAcceptCase(s: ActionScope): void {
  const id = newId(s);
  const body = encryptJson(s, 'replies', 'body_enc', id, { reason: need(s, 'reason'), explanation: need(s, 'explanation'), whereToGo: need(s, 'whereToGo') });
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO replies (id, case_id, cycle, outcome, method, body_enc, answered_at, recorded_by, recorded_at) VALUES ($1, $2, $3::int, 'not_accepted', NULL, $4, $5::timestamptz, $6, $5::timestamptz)`,
      [id, s.record.row.id, s.record.row.cycle, body, s.now, s.actor.userId],
    ),
  );
  s.change.moveTo('not_accepted').set('closedAt', s.now).event({ event: 'not_accept', opinion: need(s, 'explanation'), public: true });
  noticeToReporter(s, 'not_accepted');
}

export async function mergeCase(s: ActionScope): Promise<void> {
  const number = need(s, 'masterCaseNumber');
  const master = await findCaseRow(s.tx, number, false);
  const missing = invalid('masterCaseNumber', 'unknown_case', '主件不存在', 'No such master case');
  if (master === null || master.id === s.record.row.id || master.mergedIntoId !== null) throw missing;
  const masterView = caseViewOf(await loadCaseParts(s.tx, master), { today: s.today, calendar: s.calendar, sealedGroup: await loadSealedGroup(s.tx) }, s.deps.timezone);
  // A master the user cannot see does not exist for them; one whose units the accused may reach is refused.
  if (!canSee(s.actor, masterView, s.org.tree)) throw missing;
  assertEligible(s, s.view, 'masterCaseNumber', chainUnitIds(masterView));
  s.change.set('mergedIntoId', master.id).moveTo('merged').event({ event: 'merge', opinion: need(s, 'reason') });
  s.change.auditTarget = number;
}

function proposalOf(s: ActionScope): Proposal | null {
  const enc = s.record.row.proposalEnc;
  return enc === null ? null : s.deps.cipher.decryptJson<Proposal>({ table: 'cases', column: 'proposal_enc', rowId: s.record.row.id }, enc);
}

/** 阅知: the unit may read the case from now on, and hears of it (DESIGN §3.2 for_information). */
function informUnit(s: ActionScope, unitId: string, text: string): void {
  const id = newId(s);
  const reason = encryptText(s, 'case_access_grants', 'reason_enc', id, text);
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO case_access_grants (id, case_id, what, attachment_id, unit_id, granted_by, reason_enc, granted_at) VALUES ($1, $2, 'for_information', NULL, $3, $4, $5, $6::timestamptz)`,
      [id, s.record.row.id, unitId, s.actor.userId, reason, s.now],
    ),
  );
  s.change.notify({ roles: ['liaison', 'unit_head'], unitId }, 'for_information');
}

/** instruct and record_instruction: approve or change the proposal; a named unit is assigned at once. */
export function instructCase(s: ActionScope): void {
  const mode = need(s, 'mode') as InstructMode;
  // Approving the proposal approves the units it names, unless the leader names others.
  const proposal = need(s, 'decision') === 'approve' ? proposalOf(s) : null;
  const unitId = str(s, 'unitId') ?? (proposal === null ? null : s.record.row.proposedUnitId);
  const informUnitIds = s.input.informUnitIds === undefined ? [...(proposal?.informUnitIds ?? [])] : strings(s, 'informUnitIds');
  assertEligible(s, s.view, 'unitId', unitId === null ? [] : [unitId]);
  assertEligible(s, s.view, 'informUnitIds', informUnitIds);
  const leader = s.action === 'record_instruction' ? `（${need(s, 'leaderName')}，${need(s, 'medium')}，${need(s, 'givenAt')}）` : '';
  const text = `${need(s, 'text')}${leader}`;
  const c = s.change;
  c.event({ event: s.action, opinion: text });
  const to = nextStateForInstruct({ mode, unitId });
  if (mode === 'for_information') {
    c.moveTo('closed').set('closedAt', s.now);
    for (const u of informUnitIds) informUnit(s, u, text);
    return;
  }
  if (unitId === null) {
    c.moveTo(to).notify({ roles: ['assigner'] }, 'to_assign');
    return;
  }
  const due = chooseUnitDue(s, { publicDue: publicDueOf(s) }, str(s, 'unitDeadline') ?? proposal?.unitDeadline);
  addLevel(s, { unitId, coUnitIds: [], depth: 0, due, brief: undefined });
}

export function assignCase(s: ActionScope): void {
  const lead = need(s, 'leadUnitId');
  const co = strings(s, 'coUnitIds').filter((u) => u !== lead);
  assertEligible(s, s.view, 'leadUnitId', [lead]);
  assertEligible(s, s.view, 'coUnitIds', co);
  const due = chooseUnitDue(s, { publicDue: publicDueOf(s) }, need(s, 'unitDeadline'));
  addLevel(s, { unitId: lead, coUnitIds: co, depth: 0, due, brief: need(s, 'brief') });
  s.change.event({ event: 'assign', unitId: lead, opinion: need(s, 'brief') });
}

export async function reclassifyCase(s: ActionScope): Promise<void> {
  const classified = await applyClassification(s);
  const sealed = s.record.row.sealed || (classified.isAccusation && sealRequired(classified, s.org.tree, s.routing));
  // Units already holding the case must still pass the firewall as the case will be, seal included (DESIGN §3.4):
  // a case sealed under a unit's hands would be left with nobody there able to see it.
  assertEligible(s, { ...classified, sealed }, 'subjects', activeLevels(s.view).flatMap((l) => [l.unitId, ...l.coUnitIds]));
  const receivedAt = str(s, 'receivedAt');
  if (receivedAt !== undefined) {
    const at = new Date(receivedAt);
    if (at > s.now) throw invalid('receivedAt', 'in_future', '收件时间不能晚于当前时间', 'The receipt time cannot be in the future');
    s.change.set('receivedAt', at);
  }
  const channel = str(s, 'channel');
  if (channel !== undefined) s.change.set('channel', channel);
  if (sealed && !s.record.row.sealed) s.change.set('sealed', true);
  s.change.event({ event: 'reclassify', opinion: need(s, 'reason') });
}

export function dispatchOnsite(s: ActionScope): void {
  s.change.event({ event: 'dispatch_onsite', opinion: `${need(s, 'location')}：${need(s, 'instructions')}` });
  s.change.notify({ roles: ['duty_leader', 'supervision_head'] }, 'onsite_inspection');
}
