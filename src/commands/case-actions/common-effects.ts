// Effects offered in many states (DESIGN §3.2): chase, supervise, recusal, break-glass, grants, notes, messages.
import { currentLevel } from '../../domain/case-view.js';
import { invalid } from '../command-error.js';
import { encryptText, need, newId, noticeToReporter, str } from './support.js';
import type { ActionScope } from './scope.js';

function notifyHoldingUnit(s: ActionScope, kind: string): void {
  const level = currentLevel(s.view);
  if (level === null) s.change.notify({ roles: ['assigner', 'intake'] }, kind);
  else s.change.notify({ roles: ['liaison', 'unit_head'], unitId: level.unitId }, kind);
}

export function chase(s: ActionScope): void {
  s.change.set('chased', true).event({ event: 'chase', unitId: currentLevel(s.view)?.unitId ?? null, opinion: need(s, 'note') });
  notifyHoldingUnit(s, 'chased');
}

export function supervise(s: ActionScope): void {
  const due = str(s, 'dueBy');
  s.change.set('supervised', true).event({ event: 'supervise', unitId: currentLevel(s.view)?.unitId ?? null, opinion: due === undefined ? need(s, 'note') : `${need(s, 'note')}（限${due}前）` });
  notifyHoldingUnit(s, 'supervised');
}

export function declareConflict(s: ActionScope): void {
  const reason = encryptText(s, 'case_conflicts', 'reason_enc', `${s.record.row.id}:${s.actor.userId}`, need(s, 'reason'));
  s.change.write((tx) =>
    tx.query('INSERT INTO case_conflicts (case_id, user_id, reason_enc, declared_at) VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT DO NOTHING', [s.record.row.id, s.actor.userId, reason, s.now]),
  );
  s.change.event({ event: 'declare_conflict' });
}

/** Break-glass: nothing on the case changes; the audit row carrying the reason commits before the identity is sent. */
export function revealReporter(s: ActionScope): void {
  s.change.auditTarget = 'reporter';
  s.change.auditDetails = { reason: need(s, 'reason') };
  s.change.extra = { reveal: true };
}

export async function grantOriginal(s: ActionScope): Promise<void> {
  const what = need(s, 'what');
  const attachmentId = what === 'attachment' ? need(s, 'attachmentId') : null;
  if (attachmentId !== null) {
    const found = await s.tx.query(`SELECT 1 FROM attachments WHERE id = $1 AND case_id = $2 AND origin = 'original'`, [attachmentId, s.record.row.id]);
    if (found.rowCount === 0) throw invalid('attachmentId', 'unknown_attachment', '原件不存在', 'No such original');
  }
  const id = newId(s);
  const unitId = need(s, 'unitId');
  const reason = encryptText(s, 'case_access_grants', 'reason_enc', id, need(s, 'reason'));
  s.change.write((tx) =>
    tx.query(
      `INSERT INTO case_access_grants (id, case_id, what, attachment_id, unit_id, granted_by, reason_enc, granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz)`,
      [id, s.record.row.id, what, attachmentId, unitId, s.actor.userId, reason, s.now],
    ),
  );
  s.change.event({ event: `grant_${what}`, unitId });
  s.change.notify({ roles: ['liaison', 'unit_head', 'handler'], unitId }, 'original_shared');
}

export function addNote(s: ActionScope): void {
  const id = newId(s);
  const body = encryptText(s, 'case_notes', 'body_enc', id, need(s, 'text'));
  s.change.write((tx) =>
    tx.query('INSERT INTO case_notes (id, case_id, author_user_id, unit_id, body_enc, created_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)', [id, s.record.row.id, s.actor.userId, s.actor.unitId, body, s.now]),
  );
}

export function messageReporter(s: ActionScope): void {
  const id = newId(s);
  const body = encryptText(s, 'messages', 'body_enc', id, need(s, 'text'));
  s.change.write((tx) =>
    tx.query(`INSERT INTO messages (id, case_id, direction, author_user_id, body_enc, created_at) VALUES ($1, $2, 'to_reporter', $3, $4, $5::timestamptz)`, [id, s.record.row.id, s.actor.userId, body, s.now]),
  );
  s.change.event({ event: 'message_reporter', public: true });
  noticeToReporter(s, 'message');
}
