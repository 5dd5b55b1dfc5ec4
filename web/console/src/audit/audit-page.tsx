// 审计日志 (auditor, DESIGN §7.3): GET /api/v1/admin/audit filtered by case number, actor or action,
// newest first with cursor paging. Every read of it is itself audited by the API.
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { ACTION_LABELS } from '../../../../src/domain/actions.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { auditPath, navigate } from '../app/router.js';
import { LoadMore, useCursorList } from '../common/cursor-list.js';
import { formatDateTime } from '../common/format.js';
import { ChainStatusBar } from './chain-status.js';

interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actorKind: string;
  readonly actor: { readonly id: string; readonly username: string; readonly displayName: string } | null;
  readonly actorRef: string | null;
  readonly action: string;
  readonly caseNumber: string | null;
  readonly target: string | null;
  readonly details: Readonly<Record<string, string>> | null;
  readonly detailsUnreadable: boolean;
  readonly stateChange: boolean;
}

const EXTRA_LABELS: Readonly<Record<string, Bilingual>> = {
  'case.view': { zh: '查看案件', en: 'Viewed the case' },
  'case.search': { zh: '检索案件', en: 'Searched' },
  'case.register': { zh: '登记来件', en: 'Registered' },
  'case.submit': { zh: '网上提交', en: 'Submitted online' },
  'case.derivatives': { zh: '生成派生件', en: 'Made derivatives' },
};

const ACTOR_KIND: Readonly<Record<string, Bilingual>> = { staff: { zh: '工作人员', en: 'Staff' }, public: { zh: '群众', en: 'Public' }, reporter: { zh: '反映人', en: 'Reporter' }, system: { zh: '系统', en: 'System' }, cli: { zh: '命令行', en: 'CLI' } };

/** `case.sign_for` as 签收; other codes as they are. */
export function auditActionLabel(action: string): Bilingual | null {
  const extra = EXTRA_LABELS[action];
  if (extra !== undefined) return extra;
  const code = action.startsWith('case.') ? action.slice('case.'.length) : null;
  return code !== null && code in ACTION_LABELS ? ACTION_LABELS[code as keyof typeof ACTION_LABELS] : null;
}

export default function AuditPage(props: { caseNumber: string | null }): ReactNode {
  const { pick, lang } = useI18n();
  const [filters, setFilters] = useState<{ caseNumber?: string; actor?: string; action?: string }>(props.caseNumber === null ? {} : { caseNumber: props.caseNumber });
  const { list: query, rows } = useCursorList<AuditRow>(['audit'], '/api/v1/admin/audit', 100, filters);
  return (
    <div className="zt-audit">
      <Typography.Title level={4} className="zt-page-title">
        {pick({ zh: '审计日志', en: 'Audit log' })}
      </Typography.Title>
      <ChainStatusBar />
      <Card className="zt-card">
        <Form
          layout="inline"
          initialValues={filters}
          onFinish={(v: { caseNumber?: string; actor?: string; action?: string }) => {
            setFilters({ caseNumber: v.caseNumber?.trim(), actor: v.actor?.trim(), action: v.action?.trim() });
            navigate(auditPath(v.caseNumber?.trim() || undefined), { replace: true });
          }}
        >
          <Form.Item name="caseNumber" label={pick({ zh: '受理编号', en: 'Case no.' })}>
            <Input allowClear data-testid="audit-case" />
          </Form.Item>
          <Form.Item name="actor" label={pick({ zh: '操作人用户名', en: 'Username' })}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="action" label={pick({ zh: '操作代码', en: 'Action code' })}>
            <Input allowClear placeholder="case.sign_for" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {pick({ zh: '查询', en: 'Search' })}
          </Button>
        </Form>
      </Card>
      <Card>
        {query.error ? <Alert type="error" showIcon title={query.error.title} description={query.error.detail} /> : null}
        <Table<AuditRow>
          rowKey="seq"
          size="small"
          loading={query.isPending}
          dataSource={rows}
          pagination={false}
          onRow={(r) => ({ className: 'zt-audit-row', 'data-audit-action': r.action })}
          columns={[
            { title: pick({ zh: '序号', en: 'Seq' }), dataIndex: 'seq', width: 80 },
            { title: pick({ zh: '时间', en: 'Time' }), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at, lang) },
            {
              title: pick({ zh: '操作人', en: 'Actor' }),
              key: 'actor',
              width: 170,
              render: (_: unknown, r) => (r.actor === null ? pick(ACTOR_KIND[r.actorKind] ?? { zh: r.actorKind, en: r.actorKind }) : `${r.actor.displayName}（${r.actor.username}）`),
            },
            {
              title: pick({ zh: '操作', en: 'Action' }),
              dataIndex: 'action',
              render: (a: string, r) => {
                const label = auditActionLabel(a);
                return (
                  <Space size={4}>
                    {label === null ? null : <span>{pick(label)}</span>}
                    <Typography.Text type="secondary" code>{a}</Typography.Text>
                    {r.stateChange ? <Tag color="blue">{pick({ zh: '状态变更', en: 'State change' })}</Tag> : null}
                  </Space>
                );
              },
            },
            { title: pick({ zh: '受理编号', en: 'Case no.' }), dataIndex: 'caseNumber', width: 150, render: (v: string | null) => v ?? '—' },
            { title: pick({ zh: '对象', en: 'Target' }), dataIndex: 'target', width: 160, render: (v: string | null) => v ?? '—' },
          ]}
        />
        <LoadMore list={query} />
      </Card>
    </div>
  );
}
