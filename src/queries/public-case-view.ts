// What the reporter sees with number and code: stage, dates, public timeline, the centre's replies,
// and their own messages except for accusations (DESIGN §3.1, §7.4). Never internal states, units or names.
// A merged case shows its master's stage and dates only, never the master's replies or messages.
import type { Deps } from '../commands/deps.js';
import { reporterMay } from '../domain/lifecycle.js';
import { PUBLIC_EVENT_LABELS, PUBLIC_STAGE_LABELS, publicStageOf, type CaseState, type PublicEvent } from '../domain/case-states.js';
import type { CaseType } from '../domain/data/taxonomy.js';
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
  readonly canRate: boolean;
}

interface CaseFacts {
  id: string;
  case_number: string;
  state: CaseState;
  type: CaseType;
  is_accusation: boolean;
  created_at: Date;
  public_due: string | null;
  merged_into_id: string | null;
  rated: boolean;
}

const FACTS = 'SELECT id, case_number, state, type, is_accusation, created_at, public_due, merged_into_id, rated FROM cases WHERE id = $1';

/** The reply as the reporter reads it: the answer, the reason and where to go, or the explanation. */
function replyText(outcome: string, body: Readonly<Record<string, string | null>>): string | null {
  switch (outcome) {
    case 'replied':
    case 'explained':
      return body.text ?? null;
    case 'not_accepted':
      return [body.explanation, body.whereToGo === null || body.whereToGo === undefined ? null : `可通过以下途径反映：${body.whereToGo}`].filter((x) => x !== null && x !== undefined).join('\n');
    default:
      return null;
  }
}

export async function publicCaseView(deps: Deps, caseId: string): Promise<PublicCaseView> {
  const c = (await deps.pool.query<CaseFacts>(FACTS, [caseId])).rows[0];
  if (!c) throw new Error('case vanished between resolve and view');
  const master = c.merged_into_id === null ? null : ((await deps.pool.query<CaseFacts>(FACTS, [c.merged_into_id])).rows[0] ?? null);
  const shown = master ?? c;
  const stage = publicStageOf(shown.state) ?? 'accepted';
  const events = await deps.pool.query<{ at: Date; event: string }>('SELECT at, event FROM timeline WHERE case_id = $1 AND public ORDER BY id', [shown.id]);
  const own = master === null;
  const replies = own
    ? await deps.pool.query<{ id: string; outcome: string; body_enc: Buffer; recorded_at: Date }>('SELECT id, outcome, body_enc, recorded_at FROM replies WHERE case_id = $1 ORDER BY recorded_at', [caseId])
    : { rows: [] };
  const msgs = own
    ? await deps.pool.query<{ id: string; direction: string; body_enc: Buffer; created_at: Date }>('SELECT id, direction, body_enc, created_at FROM messages WHERE case_id = $1 ORDER BY created_at, id', [caseId])
    : { rows: [] };
  const textOf = (m: { id: string; body_enc: Buffer }) => deps.cipher.decryptText({ table: 'messages', column: 'body_enc', rowId: m.id }, m.body_enc);
  const answered = replies.rows.flatMap((r) => {
    const text = replyText(r.outcome, deps.cipher.decryptJson<Record<string, string | null>>({ table: 'replies', column: 'body_enc', rowId: r.id }, r.body_enc));
    return text === null || text === '' ? [] : [{ at: r.recorded_at.toISOString(), text }];
  });
  const fromCentre = msgs.rows.filter((m) => m.direction === 'to_reporter').map((m) => ({ at: m.created_at.toISOString(), text: textOf(m) }));
  return {
    caseNumber: c.case_number,
    stage: { code: stage, label: PUBLIC_STAGE_LABELS[stage] },
    type: c.type,
    submittedAt: c.created_at.toISOString(),
    promisedBy: shown.public_due,
    timeline: events.rows
      .filter((e): e is { at: Date; event: PublicEvent } => e.event in PUBLIC_EVENT_LABELS)
      .map((e) => ({ at: e.at.toISOString(), event: e.event, label: PUBLIC_EVENT_LABELS[e.event] })),
    replies: [...answered, ...fromCentre].sort((a, b) => a.at.localeCompare(b.at)),
    messages: c.is_accusation || !own ? [] : msgs.rows.filter((m) => m.direction === 'from_reporter').map((m) => ({ at: m.created_at.toISOString(), text: textOf(m) })),
    canRate: own && reporterMay('rate', { state: c.state, flags: { rated: c.rated } }),
  };
}
