// One effect per staff action; the table of DESIGN §3.2 says when it may run, this says what it writes.
import type { StaffAction } from '../../domain/actions.js';
import { chase, declareConflict, revealReporter, grantOriginal, addNote, messageReporter, supervise } from './common-effects.js';
import { archiveCase, closeCase, declareFalseAccusation, explain, recordFollowUp, reopenCase, reply } from './closing-effects.js';
import { confirmDecision, decideRequest, declineDecision } from './decisions.js';
import { assignHandler, recordContact, redispatch, resume, review, signFor, submitResult } from './handling-effects.js';
import { acceptCase, assignCase, dispatchOnsite, instructCase, mergeCase, notAcceptCase, reclassifyCase } from './intake-effects.js';
import { reissueQueryCode } from './query-code-effects.js';
import type { ActionScope, Effect } from './scope.js';

/** Requests become pending decisions before any effect runs (see run-action.ts), so theirs is empty. */
const heldOnly: Effect = () => undefined;

export const EFFECTS: Readonly<Record<StaffAction, Effect>> = {
  accept: acceptCase,
  not_accept: notAcceptCase,
  merge: mergeCase,
  instruct: instructCase,
  record_instruction: instructCase,
  assign: assignCase,
  sign_for: signFor,
  redispatch,
  request_return: heldOnly,
  decide_return: (s) => decideRequest(s, 'decide_return'),
  assign_handler: assignHandler,
  record_contact: recordContact,
  submit_result: submitResult,
  review,
  reply,
  close: closeCase,
  request_extension: heldOnly,
  decide_extension: (s) => decideRequest(s, 'decide_extension'),
  request_suspension: heldOnly,
  decide_suspension: (s) => decideRequest(s, 'decide_suspension'),
  resume,
  record_follow_up: (s) => recordFollowUp(s),
  reopen: reopenCase,
  explain,
  chase,
  supervise,
  dispatch_onsite: dispatchOnsite,
  declare_false_accusation: declareFalseAccusation,
  reclassify: reclassifyCase,
  declare_conflict: declareConflict,
  reveal_reporter: revealReporter,
  grant_original: grantOriginal,
  add_note: addNote,
  message_reporter: messageReporter,
  reissue_query_code: reissueQueryCode,
  confirm: (s) => confirmDecision(s, applyEffect),
  decline: declineDecision,
  archive: archiveCase,
};

export async function applyEffect(action: StaffAction, scope: ActionScope): Promise<void> {
  await EFFECTS[action](scope);
}
