// One queue as a table with cursor paging ("load more"): number, title, type, state, unit, clock, flags.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { CaseListItem, CasePage } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { casePath, navigate } from '../app/router.js';
import { LoadMore } from '../common/cursor-list.js';
import { formatDate, formatDateTime } from '../common/format.js';
import { typeLabel } from '../common/labels.js';
import { FlagTags, LightText } from '../common/light.js';
import { listPath, totalText, type Queue } from './queues.js';

const PAGE = 20;

interface Props {
  readonly queue: Queue;
  /** With a batch on offer: the rows ticked, by the caller's state. */
  readonly selection?: { readonly selected: readonly CaseListItem[]; readonly onChange: (rows: CaseListItem[]) => void } | undefined;
}

export function CaseTable(props: Props): ReactNode {
  const { t, pick, lang } = useI18n();
  const query = useInfiniteQuery<CasePage, ApiError>({
    queryKey: ['cases', props.queue.key, props.queue.filter],
    // The first page carries the list's size; later pages need not count it again.
    queryFn: ({ pageParam }) => get<CasePage>(listPath(props.queue.filter, PAGE, pageParam as string | null, pageParam === null)),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const first = query.data?.pages[0];
  const columns: ColumnsType<CaseListItem> = [
    {
      title: t('caseNumber'),
      dataIndex: 'caseNumber',
      width: 140,
      render: (n: string) => (
        <a href={casePath(n)} onClick={(e) => { e.preventDefault(); navigate(casePath(n)); }}>
          {n}
        </a>
      ),
    },
    {
      title: t('title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Space size={4}>
          {r.urgency === 'urgent' ? <Tag color="red">{t('urgent')}</Tag> : null}
          {r.isAccusation ? <Tag color="purple">{t('accusation')}</Tag> : null}
          <Typography.Text>{title}</Typography.Text>
        </Space>
      ),
    },
    { title: t('type'), dataIndex: 'type', width: 70, render: (c: string) => pick(typeLabel(c)) },
    { title: t('state'), key: 'state', width: 120, render: (_: unknown, r) => <Tag color="geekblue">{pick(r.stateLabel)}</Tag> },
    { title: t('currentUnit'), key: 'unit', width: 140, render: (_: unknown, r) => r.currentUnit?.name ?? '—' },
    { title: t('receivedAt'), dataIndex: 'receivedAt', width: 130, render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('deadline'),
      key: 'due',
      width: 250,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <LightText light={r.light} text={r.dueText} />
          {r.unitDue !== null && r.publicDue !== null ? (
            <Typography.Text type="secondary" className="zt-small">
              {t('publicDeadline')} {formatDate(r.publicDue, lang)} · {t('unitDeadline')} {formatDate(r.unitDue, lang)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('flags'), key: 'flags', width: 100, render: (_: unknown, r) => <FlagTags flags={r.flags} /> },
  ];
  if (query.error) return <Alert type="error" showIcon title={query.error.title} description={query.error.detail} />;
  return (
    <>
      <Table<CaseListItem>
        rowKey="caseNumber"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        locale={{ emptyText: t('empty') }}
        {...(props.selection === undefined
          ? {}
          : { rowSelection: { selectedRowKeys: props.selection.selected.map((r) => r.caseNumber), onChange: (_: unknown, picked: CaseListItem[]) => props.selection?.onChange(picked) } })}
        onRow={(r) => ({ onClick: () => navigate(casePath(r.caseNumber)), className: 'zt-clickable' })}
      />
      {first?.total === undefined ? null : (
        <Typography.Text type="secondary" className="zt-small" data-testid="list-total">
          {pick({ zh: `共${totalText(first)}件，已显示${String(rows.length)}件`, en: `${totalText(first)} cases, ${String(rows.length)} shown` })}
        </Typography.Text>
      )}
      <LoadMore list={query} />
    </>
  );
}
