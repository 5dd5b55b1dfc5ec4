// The statistics dashboard's view exported to XLSX (issue 4, DESIGN §7.3 "exports are audited"): the same
// figures as GET /api/v1/stats for the same reader and period, labelled in Chinese. The export is on record,
// committed, before the route sends a byte: the audit row commits last, after the file has been built, so a
// failure anywhere sends a problem and no file, and a recorded export is one whose bytes were ready to leave.
import type { LocalDate } from '../domain/calendar/local-date.js';
import type { Actor } from '../domain/case-view.js';
import { DICTIONARIES, type Dictionary } from '../domain/dictionaries.js';
import { zhDateTime } from '../queries/print/print-values.js';
import { exportLabels, type DictionaryNames } from '../queries/stats-export/export-labels.js';
import { statsWorkbook } from '../queries/stats-export/stats-workbook.js';
import { caseStats } from '../queries/stats/stats.js';
import { insertAudit } from '../store/audit-rows.js';
import { loadDictionary } from '../store/reference-data.js';
import { inTransaction, type Deps } from './deps.js';

export interface StatsExport {
  readonly fileName: string;
  readonly bytes: Buffer;
}

export async function exportStats(deps: Deps, actor: Actor, exportedBy: string, from: LocalDate, to: LocalDate): Promise<StatsExport> {
  const stats = await caseStats(deps, actor, from, to);
  const dictionaries = Object.fromEntries(
    await Promise.all(DICTIONARIES.map(async (d): Promise<[Dictionary, ReadonlyMap<string, string>]> => [d, new Map((await loadDictionary(deps.pool, d)).entries.map((e) => [e.code, e.name.zh]))])),
  ) as DictionaryNames;
  const bytes = await statsWorkbook(stats, exportLabels(dictionaries, stats.unitNames), { exportedAt: zhDateTime(deps.clock.now(), deps.timezone), exportedBy });
  await inTransaction(deps.pool, async (tx) => {
    await insertAudit(tx, { actorKind: 'staff', actorUserId: actor.userId, action: 'stats.export', target: `stats:${from}..${to}` });
  });
  return { fileName: `统计报表_${from}_${to}.xlsx`, bytes };
}
