// The assignment dialog (issue 4): every unit from assignable-units as a searchable tree, the routing
// table's suggestion first, ineligible units disabled with the API's reason. Only ids in the field's
// enum can be chosen: the console never widens what the server offers.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Input, Modal, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState, type ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import type { AssignableUnit, AssignableUnits } from '../api/types.js';
import { useI18n } from '../app/i18n.js';

export function useAssignableUnits(caseNumber: string) {
  return useQuery<AssignableUnits, ApiError>({ queryKey: ['assignable-units', caseNumber], queryFn: () => get<AssignableUnits>(`/api/v1/cases/${encodeURIComponent(caseNumber)}/assignable-units`), staleTime: 60_000 });
}

interface TreeOptions {
  readonly units: readonly AssignableUnit[];
  readonly allowed: ReadonlySet<string>;
  readonly search: string;
  readonly label: (u: AssignableUnit, selectable: boolean) => ReactNode;
}

/** The tree of units, pruned to matches of the search and their ancestors. */
function buildTree(o: TreeOptions): DataNode[] {
  const children = new Map<string | null, AssignableUnit[]>();
  for (const u of o.units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const needle = o.search.trim();
  const build = (parent: string | null): DataNode[] =>
    (children.get(parent) ?? []).flatMap((u) => {
      const kids = build(u.id);
      if (needle !== '' && !u.name.includes(needle) && kids.length === 0) return [];
      const selectable = u.eligible && o.allowed.has(u.id);
      return [{ key: u.id, title: o.label(u, selectable), disabled: !selectable, disableCheckbox: !selectable, children: kids }];
    });
  const ids = new Set(o.units.map((u) => u.id));
  // Roots are units whose parent the list does not hold (the whole tree for centre roles).
  const roots = o.units.filter((u) => u.parentId === null || !ids.has(u.parentId)).map((u) => u.parentId);
  return [...new Set(roots)].flatMap((p) => build(p));
}

interface DialogProps {
  readonly caseNumber: string;
  readonly title: string;
  readonly allowed: readonly string[];
  readonly multiple: boolean;
  readonly value: readonly string[];
  readonly onClose: () => void;
  readonly onChoose: (ids: string[]) => void;
}

export function UnitPickerDialog(props: DialogProps): ReactNode {
  const { t, pick } = useI18n();
  const units = useAssignableUnits(props.caseNumber);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>([...props.value]);
  const allowed = useMemo(() => new Set(props.allowed), [props.allowed]);
  const items = units.data?.items ?? [];
  const byId = new Map(items.map((u) => [u.id, u]));
  const suggestedId = units.data?.suggestion?.unitId ?? null;
  const suggested = suggestedId === null ? undefined : byId.get(suggestedId);
  const label = (u: AssignableUnit, selectable: boolean): ReactNode => (
    <span className="zt-unit-node" data-unit={u.code}>
      <span>{u.name}</span>
      {u.id === suggestedId ? <Tag color="green">{t('suggested')}</Tag> : null}
      {selectable ? null : (
        <Typography.Text type="secondary" className="zt-unit-reason" data-reason={u.reason?.code ?? 'not_offered'}>
          （{u.reason === null ? t('notOffered') : pick(u.reason)}）
        </Typography.Text>
      )}
    </span>
  );
  const tree = buildTree({ units: items, allowed, search, label });
  const choose = (ids: string[]): void => setChosen(props.multiple ? ids : ids.slice(-1));
  return (
    <Modal open title={props.title} width={640} onCancel={props.onClose} onOk={() => props.onChoose(chosen)} okText={t('confirm')} cancelText={t('cancel')} okButtonProps={{ disabled: chosen.length === 0 }} destroyOnHidden>
      {units.error ? <Alert type="error" showIcon title={units.error.title} description={units.error.detail} /> : null}
      {units.isPending ? <Spin /> : null}
      {suggested !== undefined && suggested.eligible && allowed.has(suggested.id) ? (
        <Alert
          className="zt-suggestion"
          type="success"
          showIcon
          title={`${t('suggestionLine')}：${suggested.name}`}
          action={
            <Button size="small" type="primary" ghost onClick={() => choose(props.multiple ? [...new Set([...chosen, suggested.id])] : [suggested.id])}>
              {pick({ zh: '选用', en: 'Use' })}
            </Button>
          }
        />
      ) : null}
      <Input.Search className="zt-unit-search" placeholder={t('searchUnit')} allowClear value={search} onChange={(e) => setSearch(e.target.value)} aria-label={t('searchUnit')} />
      <div className="zt-unit-tree">
        {tree.length === 0 && !units.isPending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Tree
            treeData={tree}
            defaultExpandAll
            {...(search === '' ? {} : { expandedKeys: items.map((u) => u.id) })}
            checkable={props.multiple}
            selectable={!props.multiple}
            checkStrictly
            checkedKeys={props.multiple ? chosen : []}
            selectedKeys={props.multiple ? [] : chosen}
            onCheck={(keys) => choose((Array.isArray(keys) ? keys : keys.checked).map(String))}
            onSelect={(keys) => choose(keys.map(String))}
          />
        )}
      </div>
      <Space className="zt-unit-chosen" wrap>
        <Typography.Text type="secondary">{pick({ zh: '已选：', en: 'Chosen: ' })}</Typography.Text>
        {chosen.length === 0 ? t('none') : chosen.map((id) => <Tag key={id}>{byId.get(id)?.name ?? id}</Tag>)}
      </Space>
    </Modal>
  );
}

/** A form control for a unit field: the chosen names and a button that opens the dialog. */
export function UnitField(props: { caseNumber: string; title: string; allowed: readonly string[]; multiple: boolean; value?: string | string[]; onChange?: (v: string | string[] | undefined) => void; id?: string }): ReactNode {
  const { t } = useI18n();
  const units = useAssignableUnits(props.caseNumber);
  const [open, setOpen] = useState(false);
  const value = props.value === undefined ? [] : Array.isArray(props.value) ? props.value : [props.value];
  const names = new Map((units.data?.items ?? []).map((u) => [u.id, u.name]));
  return (
    <Space wrap id={props.id}>
      {value.map((id) => (
        <Tag key={id} color="blue">
          {names.get(id) ?? '…'}
        </Tag>
      ))}
      <Button onClick={() => setOpen(true)} data-testid="choose-unit">
        {t('chooseUnit')}
      </Button>
      {open ? (
        <UnitPickerDialog
          caseNumber={props.caseNumber}
          title={props.title}
          allowed={props.allowed}
          multiple={props.multiple}
          value={value}
          onClose={() => setOpen(false)}
          onChoose={(ids) => {
            setOpen(false);
            props.onChange?.(props.multiple ? ids : ids[0]);
          }}
        />
      ) : null}
    </Space>
  );
}
