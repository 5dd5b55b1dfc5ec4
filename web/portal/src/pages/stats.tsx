// 数据公开: what the centre received and closed, the share answered on time and the share satisfied, by
// completed month and type, from GET /api/v1/public/stats. Small counts come suppressed from the server
// (with the cells that would give them away); the page shows them as "—" and says why. No unit appears.
import { useEffect, useState } from 'react';
import { ApiError, getJson } from '../api.js';
import { useLang, useT, type Bilingual } from '../i18n.js';
import { ErrorBox, Loading } from '../ui/states.js';

interface Count {
  readonly value: number | null;
  readonly suppressed: boolean;
}
interface Figures {
  readonly received: Count;
  readonly closed: Count;
  readonly onTimeRate: number | null;
  readonly satisfactionRate: number | null;
}
interface PublicStats {
  readonly year: number;
  readonly asOf: string;
  readonly smallCountMax: number;
  readonly types: readonly { readonly code: string; readonly label: Bilingual }[];
  readonly rows: readonly { readonly month: string; readonly cells: readonly Figures[]; readonly total: Figures }[];
  readonly total: { readonly cells: readonly Figures[]; readonly total: Figures };
}

const count = (c: Count): string => (c.value === null ? '—' : String(c.value));
const rate = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function monthLabel(month: string, lang: 'zh' | 'en'): string {
  const m = Number(month.slice(5, 7));
  return lang === 'zh' ? `${String(m)}月` : new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
}

export function StatsPage() {
  const t = useT();
  const lang = useLang();
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).formatToParts(new Date()).find((p) => p.type === 'year')?.value ?? new Date().getFullYear());
  const [year, setYear] = useState(thisYear);
  const [stats, setStats] = useState<PublicStats | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setStats(null);
    setFailure(null);
    getJson<PublicStats>(`/api/v1/public/stats?year=${String(year)}`).then(setStats, (err: unknown) => setFailure(err instanceof ApiError ? err : new ApiError(0, 'network', '加载失败', '', [])));
    // Reloaded for another year or a retry; a language switch re-renders the same figures.
  }, [year, attempt]);

  return (
    <section className="zt-card" aria-labelledby="stats-h">
      <h1 id="stats-h">{t('数据公开', 'Statistics')}</h1>
      <div className="zt-field zt-year">
        <label htmlFor="stats-year" className="zt-label">
          {t('年度', 'Year')}
        </label>
        <select id="stats-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
            <option key={y} value={y}>
              {lang === 'zh' ? `${String(y)}年` : String(y)}
            </option>
          ))}
        </select>
      </div>
      {failure !== null && <ErrorBox error={failure} onRetry={() => setAttempt((a) => a + 1)} />}
      {stats === null && failure === null && <Loading />}
      {stats !== null && stats.rows.length === 0 && (
        <p className="zt-lead" data-testid="stats-year-total">
          {t('统计数据按月公布，本年度首月数据将于下月初公布。', 'Figures are published by month; this year’s first month appears early next month.')}
        </p>
      )}
      {stats !== null && stats.rows.length > 0 && (
        <>
          <h2>{t('全年概况', 'The year at a glance')}</h2>
          <dl className="zt-summary" data-testid="stats-year-total">
            {(
              [
                [t('受理', 'Received'), count(stats.total.total.received)],
                [t('办结', 'Closed'), count(stats.total.total.closed)],
                [t('按期答复率', 'Answered on time'), rate(stats.total.total.onTimeRate)],
                [t('满意率', 'Satisfied'), rate(stats.total.total.satisfactionRate)],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <h2 id="by-type-h">{t('各月受理件数（按类型）', 'Received each month, by type')}</h2>
          <div className="zt-table-wrap" role="region" aria-labelledby="by-type-h" tabIndex={0}>
            <table className="zt-table">
              <thead>
                <tr>
                  <th scope="col">{t('月份', 'Month')}</th>
                  {stats.types.map((ty) => (
                    <th key={ty.code} scope="col">
                      {t(ty.label).replace(/^我要/u, '')}
                    </th>
                  ))}
                  <th scope="col">{t('合计', 'Total')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.rows.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{monthLabel(r.month, lang)}</th>
                    {r.cells.map((c, i) => (
                      <td key={stats.types[i]?.code ?? i}>{count(c.received)}</td>
                    ))}
                    <td>{count(r.total.received)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('合计', 'Total')}</th>
                  {stats.total.cells.map((c, i) => (
                    <td key={stats.types[i]?.code ?? i}>{count(c.received)}</td>
                  ))}
                  <td>{count(stats.total.total.received)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <h2 id="by-month-h">{t('各月办结情况', 'Closed each month')}</h2>
          <div className="zt-table-wrap" role="region" aria-labelledby="by-month-h" tabIndex={0}>
            <table className="zt-table">
              <thead>
                <tr>
                  <th scope="col">{t('月份', 'Month')}</th>
                  <th scope="col">{t('办结', 'Closed')}</th>
                  <th scope="col">{t('按期答复率', 'On time')}</th>
                  <th scope="col">{t('满意率', 'Satisfied')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.rows.map((r) => (
                  <tr key={r.month}>
                    <th scope="row">{monthLabel(r.month, lang)}</th>
                    <td>{count(r.total.closed)}</td>
                    <td>{rate(r.total.onTimeRate)}</td>
                    <td>{rate(r.total.satisfactionRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="zt-hint">
            {t(
              `统计截至${stats.asOf}，按月公布。为保护反映人个人信息，${String(stats.smallCountMax)}件及以下的数量及可据以推算的数量以“—”表示；按期答复率和满意率仅在基数不少于10件、且各部分均为0件或多于${String(stats.smallCountMax)}件时公布。`,
              `Figures to ${stats.asOf}, published by month. To protect reporters, counts of ${String(stats.smallCountMax)} or fewer, and counts that would reveal them, are shown as "—"; the on-time and satisfaction shares appear only where at least 10 cases lie behind them and each part is 0 or more than ${String(stats.smallCountMax)}.`,
            )}
          </p>
        </>
      )}
    </section>
  );
}
