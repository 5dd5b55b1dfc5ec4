// The 工作台's list of the cases behind a statistic: the drill-down's filter as a queue of the list API,
// which scopes it like every queue (a number never opens more than the user may see). Without a filter it
// is 案件检索: words searched over the keyed index. The words stay in page memory, never in the address,
// so a reporter's name typed here is not left in the browser's history; the server audits each search.
import { Breadcrumb, Card, Input, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { Me } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { navigate, statsPath, workbenchPath } from '../app/router.js';
import { Watermark } from '../common/watermark.js';
import { CaseTable } from '../workbench/case-table.js';
import type { Queue } from '../workbench/queues.js';
import { codeText, DIMENSION_LABELS } from './stat-labels.js';
import type { SeriesDimension } from './stats-types.js';

const FILTER_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  ...DIMENSION_LABELS,
  state: { zh: '状态', en: 'State' },
  scope: { zh: '受理范围', en: 'Scope' },
  light: { zh: '时限', en: 'Clock' },
  registeredFrom: { zh: '登记日期自', en: 'Registered from' },
  registeredTo: { zh: '登记日期至', en: 'Registered to' },
};
const LIGHTS: Readonly<Record<string, { zh: string; en: string }>> = { red: { zh: '已超期', en: 'Overdue' }, amber: { zh: '即将到期', en: 'Due soon' }, green: { zh: '正常', en: 'On time' } };

export default function FilteredListPage(props: { me: Me; filter: Readonly<Record<string, string>> }): ReactNode {
  const { t, pick } = useI18n();
  const [words, setWords] = useState('');
  const entries = Object.entries(props.filter);
  const searching = entries.length === 0;
  const filter = words === '' ? props.filter : { ...props.filter, q: words };
  const queue: Queue = { key: `filtered:${new URLSearchParams(filter).toString()}`, label: { zh: '筛选结果', en: 'Filtered' }, filter, group: 'done' };
  const title = searching ? pick({ zh: '案件检索', en: 'Case search' }) : pick({ zh: '案件清单', en: 'Cases' });
  const valueText = (key: string, value: string): string => {
    if (key === 'light') return pick(LIGHTS[value] ?? { zh: value, en: value });
    // A unit id says nothing to a reader; the table's unit column names it.
    if (key === 'unit') return pick({ zh: '所选单位', en: 'the chosen unit' });
    if (key in DIMENSION_LABELS) return pick(codeText(key as SeriesDimension, value, {}));
    return value;
  };
  const link = (path: string, text: string): ReactNode => (
    <a href={path} onClick={(e) => { e.preventDefault(); navigate(path); }}>
      {text}
    </a>
  );
  return (
    <div className="zt-filtered">
      <Watermark me={props.me} />
      <Breadcrumb
        className="zt-breadcrumb"
        items={searching ? [{ title: link(workbenchPath(), t('workbench')) }, { title }] : [{ title: link(workbenchPath(), t('workbench')) }, { title: link(statsPath(), pick({ zh: '统计分析', en: 'Statistics' })) }, { title }]}
      />
      <Typography.Title level={4} className="zt-page-title">
        {title}
      </Typography.Title>
      <Card className="zt-queue-card">
        <Input.Search
          className="zt-case-search"
          data-testid="case-search"
          allowClear
          enterButton={pick({ zh: '检索', en: 'Search' })}
          maxLength={100}
          placeholder={pick({ zh: '输入反映内容、地点等中的词语，如：索要 好处费', en: 'Words from the content or place, e.g. 索要 好处费' })}
          aria-label={pick({ zh: '全文检索', en: 'Full-text search' })}
          onSearch={(value) => setWords(value.trim())}
        />
        <div className="zt-list-row" data-testid="list-filter">
          {entries.length === 0 && words === '' ? <Tag>{pick({ zh: '全部案件', en: 'All cases' })}</Tag> : null}
          {entries.map(([k, v]) => <Tag key={k} color="blue">{`${pick(FILTER_LABELS[k] ?? { zh: k, en: k })}：${valueText(k, v)}`}</Tag>)}
          {words === '' ? null : <Tag color="gold">{`${pick({ zh: '检索词', en: 'Words' })}：${words}`}</Tag>}
        </div>
        <CaseTable key={queue.key} queue={queue} />
      </Card>
    </div>
  );
}
