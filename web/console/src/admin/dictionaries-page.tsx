// 字典管理 (sysadmin, DESIGN §2): problem types (two levels) and police branches. Entries are added and
// edited (names in both languages, order, in use or not); codes stay, since cases and statistics keep them.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { DICTIONARIES, DICTIONARY_CODE, DICTIONARY_INFO, type Dictionary, type DictionaryEntry } from '../../../../src/domain/dictionaries.js';
import { get, type ApiError } from '../api/client.js';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { sourceLabel } from './admin-labels.js';
import { AdminTitle, KEEPERS, ProblemAlert, useAdminWrite } from './admin-write.js';
import { useExpandAll } from './expand-all.js';

interface DictionaryAnswer {
  readonly dictionary: Dictionary;
  readonly label: Bilingual;
  readonly levels: number;
  readonly source: string;
  readonly entries: DictionaryEntry[];
}

interface Row extends DictionaryEntry {
  children?: Row[];
}

interface EntryValues {
  code?: string;
  parentCode?: string;
  zh: string;
  en: string;
  position?: number | null;
  active?: boolean;
}

type Editing = { mode: 'create' } | { mode: 'edit'; entry: DictionaryEntry };

export default function DictionariesPage(): ReactNode {
  const { pick } = useI18n();
  const [dictionary, setDictionary] = useState<Dictionary>('problem_type');
  const key = ['admin', 'dictionary', dictionary] as const;
  const answer = useQuery<DictionaryAnswer, ApiError>({ queryKey: key, queryFn: () => get(`/api/v1/admin/dictionaries/${dictionary}`) });
  const write = useAdminWrite([key, ['admin', 'dictionary']]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm<EntryValues>();
  const entries = useMemo(() => answer.data?.entries ?? [], [answer.data]);
  const rows = useMemo(() => {
    const top: Row[] = entries.filter((e) => e.parentCode === null).map((e) => ({ ...e }));
    for (const parent of top) {
      const children = entries.filter((e) => e.parentCode === parent.code);
      if (children.length > 0) parent.children = children;
    }
    return top;
  }, [entries]);
  const expand = useExpandAll<Row>(entries.map((e) => e.code), (e) => e.code);

  const save = async (): Promise<void> => {
    if (editing === null) return;
    const v = await form.validateFields().catch(() => null);
    if (v === null) return;
    const name = { zh: v.zh.trim(), en: v.en.trim() };
    const base = `/api/v1/admin/dictionaries/${dictionary}/entries`;
    const ok =
      editing.mode === 'create'
        ? await write.send('POST', base, { code: v.code, name, ...(v.parentCode === undefined ? {} : { parentCode: v.parentCode }), ...(v.position === undefined || v.position === null ? {} : { position: v.position }) }, { form, done: { zh: '字典项已新增', en: 'Entry added' } })
        : await write.send('PATCH', `${base}/${editing.entry.code}`, { name, active: v.active ?? true, ...(v.position === undefined || v.position === null ? {} : { position: v.position }) }, { form, done: { zh: '字典项已保存', en: 'Entry saved' } });
    if (ok !== null) setEditing(null);
  };

  const initial: Partial<EntryValues> | undefined =
    editing?.mode === 'edit' ? { zh: editing.entry.name.zh, en: editing.entry.name.en, position: editing.entry.position, active: editing.entry.active } : editing === null ? undefined : {};
  const levels = answer.data?.levels ?? DICTIONARY_INFO[dictionary].levels;
  return (
    <div className="zt-admin">
      <AdminTitle title={{ zh: '字典管理', en: 'Dictionaries' }} keeper={KEEPERS.sysadmin} />
      <Card className="zt-card">
        <Space wrap>
          <Segmented<Dictionary> value={dictionary} onChange={(d) => setDictionary(d)} options={DICTIONARIES.map((d) => ({ value: d, label: pick(DICTIONARY_INFO[d].label) }))} data-testid="dictionary-choice" />
          {answer.data ? <Tag>{pick(sourceLabel(answer.data.source))}</Tag> : null}
          <Button type="primary" onClick={() => { write.clear(); setEditing({ mode: 'create' }); }} data-testid="entry-add">
            {pick({ zh: '新增字典项', en: 'Add entry' })}
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" className="zt-admin-hint">
          {pick({ zh: '代码保存在案件和统计中，创建后不可修改；不再使用的字典项请停用，不要删除。', en: 'Codes are kept on cases and in statistics and cannot change; retire an entry instead of removing it.' })}
        </Typography.Paragraph>
      </Card>
      {editing === null ? <ProblemAlert problem={write.problem ?? answer.error} onClose={write.clear} /> : null}
      <Card>
        <Table<Row>
          key={dictionary}
          rowKey="code"
          size="small"
          loading={answer.isPending}
          pagination={false}
          dataSource={rows}
          expandable={expand}
          onRow={(e) => ({ className: 'zt-entry-row', 'data-entry': e.code })}
          columns={[
            { title: pick({ zh: '名称', en: 'Name' }), key: 'zh', render: (_: unknown, e) => e.name.zh },
            { title: 'English', key: 'en', render: (_: unknown, e) => e.name.en },
            { title: pick({ zh: '代码', en: 'Code' }), dataIndex: 'code', width: 200 },
            { title: pick({ zh: '排序', en: 'Order' }), dataIndex: 'position', width: 70 },
            { title: pick({ zh: '状态', en: 'Status' }), dataIndex: 'active', width: 90, render: (a: boolean) => (a ? <Tag color="green">{pick({ zh: '启用', en: 'In use' })}</Tag> : <Tag>{pick({ zh: '停用', en: 'Retired' })}</Tag>) },
            {
              title: pick({ zh: '操作', en: 'Actions' }),
              key: 'actions',
              width: 100,
              render: (_: unknown, e) => (
                <Button type="link" size="small" onClick={() => { write.clear(); setEditing({ mode: 'edit', entry: e }); }} data-testid="entry-edit">
                  {pick({ zh: '编辑', en: 'Edit' })}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={editing?.mode === 'edit' ? pick({ zh: `编辑字典项（${editing.entry.code}）`, en: `Edit entry ${editing.entry.code}` }) : pick({ zh: '新增字典项', en: 'Add entry' })}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        okText={pick({ zh: '保存', en: 'Save' })}
        confirmLoading={write.busy}
        okButtonProps={{ 'data-testid': 'entry-save' }}
        destroyOnHidden
      >
        <ProblemAlert problem={write.problem} />
        <Form form={form} layout="vertical" requiredMark initialValues={initial}>
          {editing?.mode === 'create' ? (
            <>
              <Form.Item name="code" label={pick({ zh: '代码', en: 'Code' })} extra={pick({ zh: '小写字母开头，可含数字和下划线', en: 'A lower-case letter first, then letters, digits or _' })} rules={[{ required: true, pattern: DICTIONARY_CODE, message: pick({ zh: '请填写正确的代码', en: 'Enter a valid code' }) }]}>
                <Input maxLength={40} />
              </Form.Item>
              {levels > 1 ? (
                <Form.Item name="parentCode" label={pick({ zh: '上级类别（不选则为一级类别）', en: 'Parent (none for a top-level entry)' })}>
                  <Select allowClear options={entries.filter((e) => e.parentCode === null).map((e) => ({ value: e.code, label: pick(e.name) }))} />
                </Form.Item>
              ) : null}
            </>
          ) : null}
          <Form.Item name="zh" label={pick({ zh: '中文名称', en: 'Chinese name' })} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="en" label={pick({ zh: '英文名称', en: 'English name' })} rules={[{ required: true, whitespace: true, max: 80 }]}>
            <Input maxLength={80} />
          </Form.Item>
          <Form.Item name="position" label={pick({ zh: '排序', en: 'Order' })}>
            <InputNumber min={1} max={999} precision={0} />
          </Form.Item>
          {editing?.mode === 'edit' ? (
            <Form.Item name="active" valuePropName="checked">
              <Checkbox>{pick({ zh: '启用', en: 'In use' })}</Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </div>
  );
}
