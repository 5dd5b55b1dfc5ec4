// The queues each role works (issue 4), as filters of GET /api/v1/cases. Which cases a user may see is
// the API's business (its scope is inside the query); a queue only narrows what the user already sees.
import { ACTIVE_STATES } from '../../../../src/domain/state-groups.js';
import type { Bilingual } from '../../../../src/domain/i18n-text.js';

export interface Queue {
  readonly key: string;
  readonly label: Bilingual;
  /** Query parameters of GET /api/v1/cases. */
  readonly filter: Readonly<Record<string, string>>;
  /** 待办 (to do), 预警 (clock warnings), 已办 (done); the workbench groups its tabs by it. */
  readonly group: 'todo' | 'warning' | 'done';
}

const states = (...s: string[]): Record<string, string> => ({ state: s.join(',') });

const ROLE_QUEUES: Readonly<Record<string, readonly Queue[]>> = {
  intake: [
    { key: 'to_screen', label: { zh: '待受理', en: 'To screen' }, filter: states('registered'), group: 'todo' },
    { key: 'direct', label: { zh: '直办件', en: 'Handled directly' }, filter: states('direct_handling'), group: 'todo' },
  ],
  duty_leader: [{ key: 'to_instruct', label: { zh: '待批示', en: 'To instruct' }, filter: states('awaiting_instruction'), group: 'todo' }],
  bureau_leader: [{ key: 'to_instruct', label: { zh: '待批示', en: 'To instruct' }, filter: states('awaiting_instruction'), group: 'todo' }],
  assigner: [
    { key: 'to_assign', label: { zh: '待交办', en: 'To assign' }, filter: states('ready_to_assign'), group: 'todo' },
    { key: 'to_review', label: { zh: '待审核', en: 'To review' }, filter: states('under_review'), group: 'todo' },
    { key: 'to_close', label: { zh: '已答复待办结', en: 'To close' }, filter: states('replied'), group: 'todo' },
  ],
  supervision_head: [{ key: 'active', label: { zh: '在办件', en: 'Active' }, filter: states(...ACTIVE_STATES), group: 'todo' }],
  liaison: [
    { key: 'to_sign_for', label: { zh: '待签收', en: 'To sign for' }, filter: states('assigned'), group: 'todo' },
    { key: 'in_progress', label: { zh: '办理中', en: 'In progress' }, filter: states('in_progress'), group: 'todo' },
  ],
  handler: [{ key: 'mine', label: { zh: '我承办的', en: 'Assigned to me' }, filter: { ...states('in_progress'), assignedToMe: 'true' }, group: 'todo' }],
  unit_head: [
    { key: 'unit_in_progress', label: { zh: '本单位在办', en: 'In progress here' }, filter: states('in_progress'), group: 'todo' },
    { key: 'unit_review', label: { zh: '待审核', en: 'To review' }, filter: states('under_review'), group: 'todo' },
  ],
  followup: [{ key: 'to_follow_up', label: { zh: '待回访', en: 'To follow up' }, filter: states('closed'), group: 'todo' }],
  archivist: [{ key: 'to_archive', label: { zh: '待归档', en: 'To archive' }, filter: states('closed', 'not_accepted', 'transferred_out', 'merged'), group: 'todo' }],
};

const COMMON: readonly Queue[] = [
  { key: 'due_soon', label: { zh: '即将到期', en: 'Due soon' }, filter: { light: 'amber' }, group: 'warning' },
  { key: 'overdue', label: { zh: '已超期', en: 'Overdue' }, filter: { light: 'red' }, group: 'warning' },
  { key: 'finished', label: { zh: '已办结', en: 'Finished' }, filter: states('closed', 'archived'), group: 'done' },
  { key: 'all', label: { zh: '全部案件', en: 'All cases' }, filter: {}, group: 'done' },
];

/**
 * The user's queues in the order work flows down the centre and the units (a liaison who also handles
 * sees 待签收 before 我承办的), without repeats, then the clock warnings and the finished work.
 */
export function queuesFor(roles: readonly string[]): Queue[] {
  const seen = new Set<string>();
  const out: Queue[] = [];
  const own = Object.entries(ROLE_QUEUES).flatMap(([role, queues]) => (roles.includes(role) ? queues : []));
  for (const q of [...own, ...COMMON]) {
    if (seen.has(q.key)) continue;
    seen.add(q.key);
    out.push(q);
  }
  return out;
}

export function listPath(filter: Readonly<Record<string, string>>, limit: number, cursor?: string | null, withTotal = false): string {
  const p = new URLSearchParams({ ...filter, limit: String(limit) });
  if (cursor !== undefined && cursor !== null) p.set('cursor', cursor);
  if (withTotal) p.set('withTotal', '1');
  return `/api/v1/cases?${p.toString()}`;
}

/** A queue's size as shown on its tab and card: "10000+" when the API stopped counting. */
export function totalText(page: { readonly total?: number; readonly totalCapped?: boolean } | undefined): string {
  if (page?.total === undefined) return '…';
  return page.totalCapped === true ? `${String(page.total)}+` : String(page.total);
}
