// 单位管理 (sysadmin, DESIGN §1): the unit tree; add a sub-unit, rename, move or re-kind a unit, and
// delete one that the API lets go (never one with users or cases: it says so in its own words).
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { UNIT_KINDS } from '../../../../src/domain/units.js';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';
import { UNIT_KIND_LABELS } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';
import { useExpandAll } from './expand-all.js';

export interface AdminUnit {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly kind: keyof typeof UNIT_KIND_LABELS;
  readonly inspection: boolean;
  readonly userCount: number;
}

interface Node extends AdminUnit {
  children?: Node[];
}

/** The units as a tree for the table (children under their parent, in the API's order). */
export function unitTree(units: readonly AdminUnit[]): Node[] {
  const nodes = new Map<string, Node>(units.map((u) => [u.id, { ...u }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent === undefined) roots.push(n);
    else (parent.children ??= []).push(n);
  }
  return roots;
}

export const UNITS_KEY = ['admin', 'units'] as const;

export function useUnits() {
  return useQuery<{ items: AdminUnit[] }, ApiError>({ queryKey: UNITS_KEY, queryFn: () => get('/api/v1/admin/units') });
}

interface UnitValues {
  code?: string;
  name: string;
  parentId: string;
  kind: AdminUnit['kind'];
  inspection: boolean;
}

type Editing = { mode: 'create'; parent: AdminUnit } | { mode: 'edit'; unit: AdminUnit };

export default function UnitsPage(): ReactNode {
  const { pick } = useI18n();
  const units = useUnits();
  const write = useAdminWrite([UNITS_KEY]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<UnitValues>();
  const items = useMemo(() => units.data?.items ?? [], [units.data]);
  const tree = useMemo(() => unitTree(items), [items]);
  const expand = useExpandAll<Node>(items.map((u) => u.id), (u) => u.id);
  const open = (e: Editing): void => {
    write.clear();
    setEditing(e);
  };
  const initial: Partial<UnitValues> | undefined =
    editing === null ? undefined : editing.mode === 'create' ? { parentId: editing.parent.id, kind: 'station', inspection: false } : { name: editing.unit.name, parentId: editing.unit.parentId ?? undefined, kind: editing.unit.kind, inspection: editing.unit.inspection };
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const ok =
      editing.mode === 'create'
        ? await write.send('POST', '/api/v1/admin/units', { code: v.code, name: v.name.trim(), parentId: v.parentId, kind: v.kind, inspection: v.inspection }, { form, done: { zh: '单位已新增', en: 'Unit added' } })
        : await write.send('PATCH', `/api/v1/admin/units/${editing.unit.id}`, { name: v.name.trim(), kind: v.kind, inspection: v.inspection, ...(editing.unit.parentId === null ? {} : { parentId: v.parentId }) }, { form, done: { zh: '单位已保存', en: 'Unit saved' } });
    if (ok !== null) setEditing(null);
  };
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '单位管理', en: 'Units' }} keeper={KEEPERS.sysadmin} />
      {editing === null ? <ProblemAlert problem={write.problem} onClose={write.clear} /> : null}
      {units.error ? <ProblemAlert problem={units.error} /> : null}
      <Card>
        {tree.length > 0 ? (
          <Table<Node>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={tree}
            expandable={expand}
            onRow={(u) => ({ className: 'zt-unit-row', 'data-unit': u.code })}
            columns={[
              { title: pick({ zh: '单位名称', en: 'Name' }), dataIndex: 'name', render: (name: string, u) => (<Space size={4}>{name}{u.inspection ? <Tag color="blue">{pick({ zh: '督察', en: 'Inspection' })}</Tag> : null}</Space>) },
              { title: pick({ zh: '代码', en: 'Code' }), dataIndex: 'code', width: 120 },
              { title: pick({ zh: '类别', en: 'Kind' }), dataIndex: 'kind', width: 120, render: (k: AdminUnit['kind']) => pick(UNIT_KIND_LABELS[k]) },
              { title: pick({ zh: '人数', en: 'Users' }), dataIndex: 'userCount', width: 80 },
              {
                title: pick({ zh: '操作', en: 'Actions' }),
                key: 'actions',
                width: 260,
                render: (_: unknown, u) => (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => open({ mode: 'create', parent: u })} data-testid="unit-add-child">{pick({ zh: '新增下级', en: 'Add sub-unit' })}</Button>
                    <Button type="link" size="small" onClick={() => open({ mode: 'edit', unit: u })} data-testid="unit-edit">{pick({ zh: '编辑', en: 'Edit' })}</Button>
                    {u.parentId === null ? null : (
                      <Popconfirm title={pick({ zh: `确定删除“${u.name}”？`, en: `Delete ${u.name}?` })} onConfirm={() => void write.send('DELETE', `/api/v1/admin/units/${u.id}`, undefined, { done: { zh: '单位已删除', en: 'Unit deleted' } })}>
                        <Button type="link" size="small" danger>{pick({ zh: '删除', en: 'Delete' })}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        ) : (
          <Table loading={units.isPending} dataSource={[]} />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'create' ? pick({ zh: `新增“${editing.parent.name}”的下级单位`, en: `Add a unit under ${editing.parent.name}` }) : pick({ zh: '编辑单位', en: 'Edit unit' })}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={pick({ zh: '保存', en: 'Save' })}
        confirmLoading={write.busy}
        okButtonProps={{ 'data-testid': 'unit-save' }}
        destroyOnHidden
      >
        <ProblemAlert problem={write.problem} />
        <Form form={form} layout="vertical" requiredMark initialValues={initial}>
          {editing?.mode === 'create' ? (
            <Form.Item name="code" label={pick({ zh: '单位代码', en: 'Code' })} extra={pick({ zh: '小写字母、数字、下划线或连字符，创建后不可修改', en: 'Lower-case letters, digits, _ or -; fixed once created' })} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{0,31}$/u, message: pick({ zh: '请填写正确的单位代码', en: 'Enter a valid code' }) }]}>
              <Input maxLength={32} />
            </Form.Item>
          ) : null}
          <Form.Item name="name" label={pick({ zh: '单位名称', en: 'Name' })} rules={[{ required: true, whitespace: true, max: 60, message: pick({ zh: '请填写单位名称（不超过60字）', en: 'Enter the name (at most 60 characters)' }) }]}>
            <Input maxLength={60} />
          </Form.Item>
          {editing?.mode === 'edit' && editing.unit.parentId === null ? null : (
            <Form.Item name="parentId" label={pick({ zh: '上级单位', en: 'Parent unit' })} rules={[{ required: true }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={items.filter((u) => editing?.mode !== 'edit' || u.id !== editing.unit.id).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          <Form.Item name="kind" label={pick({ zh: '单位类别', en: 'Kind' })} rules={[{ required: true }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: pick(UNIT_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="inspection" valuePropName="checked">
            <Checkbox>{pick({ zh: '督察单位（督察支队/督察大队，举报件分流目标）', en: 'Inspection unit (routing target for accusations)' })}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
