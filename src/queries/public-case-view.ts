// What the reporter sees with number and code: stage, dates, public timeline, the centre's replies,
// and their own messages except for accusations (DESIGN §3.1, §7.4). Never internal states or units.
import type { Deps } from '../commands/deps.js';
import { PUBLIC_EVENT_LABELS, PUBLIC_STAGE_LABELS, publicStageOf, type CaseState, type PublicEvent } from '../domain/case-states.js';
import { isAccusation } from '../domain/classification.js';
import type { CaseScope, CaseType } from '../domain/data/taxonomy.js';
import type { Bilingual } from '../domain/i18n-text.js';

export interface PublicCaseView {
  readonly caseNumber: string;
  readonly stage: { code: string; label: Bilingual };
  readonly type: CaseType;
  readonly submittedAt: string;
  readonly promisedBy: string | null;
  readonly timeline: { at: string; event: string; label: Bilingual }[];
  readonly replies: { at: string; text: string }[];
  readonly messages: { at: string; text: string }[];
}

export async function publicCaseView(deps: Deps, caseId: string): Promise<PublicCaseView> {
  const c = (
    await deps.pool.query<{ case_number: string; state: CaseState; type: CaseType; scope: CaseScope | null; created_at: Date; subjects: number }>(
      `SELECT case_number, state, type, scope, created_at, (SELECT count(*)::int FROM subjects s WHERE s.case_id = c.id) AS subjects
       FROM cases c WHERE id = $1`,
      [caseId],
    )
  ).rows[0];
  if (!c) throw new Error('case vanished between resolve and view');
  const stage = publicStageOf(c.state) ?? 'accepted';
  const events = await deps.pool.query<{ at: Date; event: string }>('SELECT at, event FROM timeline WHERE case_id = $1 AND public ORDER BY id', [caseId]);
  const msgs = await deps.pool.query<{ id: string; direction: string; body_enc: Buffer; created_at: Date }>(
    'SELECT id, direction, body_enc, created_at FROM messages WHERE case_id = $1 ORDER BY created_at, id',
    [caseId],
  );
  const hideOwnText = isAccusation({ type: c.type, scope: c.scope, subjectCount: c.subjects });
  const textOf = (m: { id: string; body_enc: Buffer }) => deps.cipher.decryptText({ table: 'messages', column: 'body_enc', rowId: m.id }, m.body_enc);
  return {
    caseNumber: c.case_number,
    stage: { code: stage, label: PUBLIC_STAGE_LABELS[stage] },
    type: c.type,
    submittedAt: c.created_at.toISOString(),
    promisedBy: null,
    timeline: events.rows
      .filter((e): e is { at: Date; event: PublicEvent } => e.event in PUBLIC_EVENT_LABELS)
      .map((e) => ({ at: e.at.toISOString(), event: e.event, label: PUBLIC_EVENT_LABELS[e.event] })),
    replies: msgs.rows.filter((m) => m.direction === 'to_reporter').map((m) => ({ at: m.created_at.toISOString(), text: textOf(m) })),
    messages: hideOwnText ? [] : msgs.rows.filter((m) => m.direction === 'from_reporter').map((m) => ({ at: m.created_at.toISOString(), text: textOf(m) })),
  };
}
