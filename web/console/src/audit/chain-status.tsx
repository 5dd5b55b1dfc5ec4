// 审计链状态: the last scheduled verification of the whole chain (job audit.verify), the newest seal and the
// records waiting for the sealer, from GET /api/v1/admin/audit/chain. Problems arrive by kind and are worded
// here (chain-problems.ts), naming the record, seal or case.
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';
import { chainProblemText, type ChainProblem } from './chain-problems.js';

interface ChainStatus {
  readonly verification: { at: string; ok: boolean; problems: ChainProblem[]; seals: number; sealedRows: number; unsealedRows: number; casesChecked: number; anchors: number } | null;
  readonly lastSeal: { id: number; at: string } | null;
  readonly unsealed: number;
}

export function ChainStatusBar(): ReactNode {
  const { pick, lang } = useI18n();
  const query = useQuery<ChainStatus, ApiError>({ queryKey: ['audit-chain'], queryFn: async () => get<ChainStatus>('/api/v1/admin/audit/chain') });
  const s = query.data;
  if (query.error) return <Alert type="error" showIcon className="zt-card" title={query.error.title} description={query.error.detail} />;
  if (s === undefined) return null;
  const sealing = pick({
    zh: `最近封存：${s.lastSeal === null ? '尚无' : formatDateTime(s.lastSeal.at, lang)}；待封存记录 ${String(s.unsealed)} 条。`,
    en: `Last seal: ${s.lastSeal === null ? 'none yet' : formatDateTime(s.lastSeal.at, lang)}; ${String(s.unsealed)} records waiting for the sealer.`,
  });
  const v = s.verification;
  if (v === null) {
    return <Alert data-testid="audit-chain" type="info" showIcon className="zt-card" title={pick({ zh: '审计链尚未进行定期校验', en: 'The audit chain has not been verified on schedule yet' })} description={sealing} />;
  }
  const when = formatDateTime(v.at, lang);
  const counts = pick({
    zh: `${String(v.seals)} 个封存、${String(v.sealedRows)} 条记录、${String(v.casesChecked)} 件案件、${String(v.anchors)} 个外部锚点。`,
    en: `${String(v.seals)} seals, ${String(v.sealedRows)} records, ${String(v.casesChecked)} cases, ${String(v.anchors)} external anchors.`,
  });
  return v.ok ? (
    <Alert data-testid="audit-chain" type="success" showIcon className="zt-card" title={pick({ zh: `审计链校验通过（${when}）`, en: `Audit chain verified (${when})` })} description={`${counts} ${sealing}`} />
  ) : (
    <Alert
      data-testid="audit-chain"
      type="error"
      showIcon
      className="zt-card"
      title={pick({ zh: `审计链校验发现问题（${when}）`, en: `Audit chain verification found problems (${when})` })}
      description={
        <ul className="zt-chain-problems">
          {v.problems.map((p, i) => (
            <li key={`${String(i)}-${p.text}`} data-problem-kind={p.kind}>{pick(chainProblemText(p, (at) => (Number.isNaN(Date.parse(at)) ? at : formatDateTime(at, lang))))}</li>
          ))}
        </ul>
      }
    />
  );
}
