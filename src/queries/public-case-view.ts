// What the reporter sees with number and code: stage, dates, public timeline, the centre's replies,
// and their own messages except for accusations (DESIGN §3.1, §7.4). Never internal states or a person's
// name. Each reply is signed by who answers for it (issue 5): for an accusation always the inspection
// department, whoever handled it (the firewall keeps the unit's name away); otherwise the lead unit of the
// reply's cycle, or the centre when it handled the case itself. A merged case shows its master's stage
// and dates only, never the master's replies or messages.
import type { Deps } from '../commands/deps.js';
import { reporterMay } from '../domain/lifecycle.js';
import { PUBLIC_EVENT_LABELS, PUBLIC_STAGE_LABELS, publicStageOf, type CaseState, type PublicEvent } from '../domain/case-states.js';
import type { CaseType } from '../domain/data/taxonomy.js';
import type { Bilingual } from '../domain/i18n-text.js';
import { loadSiteSettings } from '../store/site-settings.js';

export interface PublicCaseView {
  readonly caseNumber: string;
  readonly stage: { code: string; label: Bilingual };
  readonly type: CaseType;
  readonly submittedAt: string;
  readonly promisedBy: string | null;
  readonly timeline: { at: string; event: string; label: Bilingual }[];
  readonly replies: { at: string; text: string; signedBy: Bilingual }[];
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

const INSPECTION: Bilingual = { zh: '督察部门', en: 'The inspection department' };

/**
 * The lead unit's name per cycle for a case a unit handled: the latest level the centre dispatched
 * (depth 0) in that cycle, if its grant still stands; a level taken back by an approved return leaves
 * the answer to the centre. Never asked for an accusation.
 */
async function leadUnitsByCycle(deps: Deps, caseId: string): Promise<Map<number, string>> {
  const r = await deps.pool.query<{ cycle: number; name: string | null }>(
    `SELECT DISTINCT ON (d.cycle) d.cycle, CASE WHEN d.granted THEN u.name END AS name
     FROM dispatch_levels d JOIN units u ON u.id = d.unit_id
     WHERE d.case_id = $1 AND d.depth = 0 ORDER BY d.cycle, d.assigned_at DESC, d.id DESC`,
    [caseId],
  );
  return new Map(r.rows.flatMap((row) => (row.name === null ? [] : [[row.cycle, row.name] as const])));
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
    ? await deps.pool.query<{ id: string; outcome: string; body_enc: Buffer; recorded_at: Date; cycle: number }>('SELECT id, outcome, body_enc, recorded_at, cycle FROM replies WHERE case_id = $1 ORDER BY recorded_at', [caseId])
    : { rows: [] };
  const msgs = own
    ? await deps.pool.query<{ id: string; direction: string; body_enc: Buffer; created_at: Date }>('SELECT id, direction, body_enc, created_at FROM messages WHERE case_id = $1 ORDER BY created_at, id', [caseId])
    : { rows: [] };
  const textOf = (m: { id: string; body_enc: Buffer }) => deps.cipher.decryptText({ table: 'messages', column: 'body_enc', rowId: m.id }, m.body_enc);
  const centreName = (await loadSiteSettings(deps.pool)).settings.centreName;
  const centre: Bilingual = { zh: centreName.zh, en: centreName.en === '' ? centreName.zh : centreName.en };
  // An accusation never looks its units up: nothing here could put a unit's name in the answer.
  const leads = c.is_accusation || replies.rows.length === 0 ? new Map<number, string>() : await leadUnitsByCycle(deps, caseId);
  const signer = (cycle: number | null): Bilingual => {
    if (c.is_accusation) return INSPECTION;
    const unit = cycle === null ? undefined : leads.get(cycle);
    // Units have Chinese names only; the English view shows the same name.
    return unit === undefined ? centre : { zh: unit, en: unit };
  };
  const answered = replies.rows.flatMap((r) => {
    const text = replyText(r.outcome, deps.cipher.decryptJson<Record<string, string | null>>({ table: 'replies', column: 'body_enc', rowId: r.id }, r.body_enc));
    return text === null || text === '' ? [] : [{ at: r.recorded_at.toISOString(), text, signedBy: signer(r.cycle) }];
  });
  // Messages to the reporter are written by the centre (for accusations, after review: still the inspection side).
  const fromCentre = msgs.rows.filter((m) => m.direction === 'to_reporter').map((m) => ({ at: m.created_at.toISOString(), text: textOf(m), signedBy: signer(null) }));
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
