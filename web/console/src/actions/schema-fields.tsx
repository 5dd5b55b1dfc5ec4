// Form controls generated from an action's JSON Schema (DESIGN §10): the console draws what the API offers.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { ReactElement, ReactNode } from 'react';
import type { Bilingual, JsonSchema } from '../api/types.js';
import { useI18n, type Lang, type WordKey } from '../app/i18n.js';
import { codeLabel } from '../common/labels.js';
import { DirectoryUserField, isSubjectLink } from './directory-user-field.js';
import { isSubjectUnit, SubjectUnitField } from './subject-unit-field.js';
import { fieldKind, labelOf, requiredNow, type Values } from './form-values.js';
import { PhraseTextArea } from './phrase-text-area.js';
import { phrasesFor } from './phrases.js';
import { problemTypeOptions } from './problem-types.js';
import { UnitField } from './unit-picker.js';

export interface FieldContext {
  readonly caseNumber: string;
  /** Labels of ids the schema leaves bare: the case's subjects, its pending decisions. */
  readonly idLabels: ReadonlyMap<string, string>;
  /** Choices for id fields the schema leaves open, by field name (the case's attachments for attachmentId). */
  readonly idChoices: ReadonlyMap<string, readonly { readonly value: string; readonly label: string }[]>;
  /** The action whose form this is, for its stock phrases. */
  readonly action?: string;
}

interface FieldProps {
  readonly name: string;
  /** The form's name path of this field (inside a list: [list, index, name]). */
  readonly path: (string | number)[];
  readonly schema: JsonSchema;
  readonly required: boolean;
  readonly ctx: FieldContext;
}

function optionLabel(code: string, labels: Readonly<Record<string, Bilingual>> | undefined, ctx: FieldContext, lang: 'zh' | 'en'): string {
  return labels?.[code]?.[lang] ?? codeLabel(code)?.[lang] ?? ctx.idLabels.get(code) ?? code;
}

/**
 * The bare control for a property. A function, not a component: Form.Item hands value and onChange to
 * its direct child, so the antd control itself must be that child.
 */
function control(props: FieldProps & { label: string }, t: (key: WordKey) => string, lang: Lang): ReactElement {
  const s = props.schema;
  const kind = fieldKind(props.name, s);
  switch (kind) {
    case 'boolean':
      return <Switch checkedChildren={t('yes')} unCheckedChildren={t('no')} />;
    case 'integer':
      return <InputNumber min={s.minimum} max={s.maximum} precision={0} />;
    case 'date':
      return <DatePicker placeholder={t('selectPlaceholder')} />;
    case 'datetime':
      return <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('selectPlaceholder')} />;
    case 'textarea': {
      const phrases = phrasesFor(props.ctx.action, props.name);
      // Fixed rows: autoSize measures through a style attribute, which the CSP blocks.
      return phrases.length > 0 ? <PhraseTextArea maxLength={s.maxLength} phrases={phrases} /> : <Input.TextArea rows={4} maxLength={s.maxLength} showCount />;
    }
    case 'text':
      // The problem type is a dictionary code; the form leaves it open text, the console offers the dictionary.
      if (props.name === 'problemType') return <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('selectPlaceholder')} options={problemTypeOptions(lang)} />;
      return <Input maxLength={s.maxLength} />;
    case 'id': {
      const choices = props.ctx.idChoices.get(props.name);
      // An id the case does not list is typed; ids the server restricts (units, assign_handler's handlers) come as enums, i.e. selects.
      return choices === undefined ? <Input /> : <Select allowClear={!props.required} placeholder={t('selectPlaceholder')} options={[...choices]} />;
    }
    case 'select':
    case 'multiselect': {
      const values = (kind === 'select' ? s.enum : s.items?.enum) ?? [];
      const labels = kind === 'select' ? s['x-enum-labels'] : s.items?.['x-enum-labels'];
      return (
        <Select
          {...(kind === 'multiselect' ? { mode: 'multiple' as const } : {})}
          allowClear={!props.required}
          placeholder={t('selectPlaceholder')}
          options={values.map((v) => ({ value: v, label: optionLabel(v, labels, props.ctx, lang) }))}
        />
      );
    }
    case 'unit':
    case 'units':
      return <UnitField caseNumber={props.ctx.caseNumber} title={props.label} multiple={kind === 'units'} allowed={(kind === 'unit' ? s.enum : s.items?.enum) ?? []} />;
    case 'list':
    case 'unsupported':
      return <Input disabled />;
  }
}

function ListField(props: FieldProps & { label: string }): ReactNode {
  const { lang, t } = useI18n();
  const item = props.schema.items ?? {};
  const max = props.schema.maxItems ?? 20;
  return (
    <Form.Item label={props.label}>
      <Form.List name={props.path}>
        {(rows, { add, remove }) => (
          <>
            {rows.map((row) => (
              <Card key={row.key} size="small" className="zt-list-row" extra={<MinusCircleOutlined onClick={() => remove(row.name)} aria-label="remove" />}>
                {Object.entries(item.properties ?? {}).map(([name, s]) =>
                  // A subject's user link is chosen from the staff directory, not typed as an id.
                  isSubjectLink(name, item.properties ?? {}) && s.enum === undefined ? (
                    <DirectoryUserField key={name} listPath={props.path} index={row.name} label={labelOf(name, s, lang)} required={(item.required ?? []).includes(name)} requiredMessage={t('required')} />
                  ) : isSubjectUnit(name, item.properties ?? {}) && s.enum === undefined ? (
                    <SubjectUnitField key={name} caseNumber={props.ctx.caseNumber} index={row.name} label={labelOf(name, s, lang)} />
                  ) : (
                    <SchemaField key={name} name={name} path={[row.name, name]} schema={s} required={(item.required ?? []).includes(name)} ctx={props.ctx} />
                  ),
                )}
              </Card>
            ))}
            {rows.length < max ? (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                {lang === 'zh' ? '添加' : 'Add'} {item['x-label'] === undefined ? props.label : labelOf(props.name, item, lang)}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

export function SchemaField(props: FieldProps): ReactNode {
  const { t, lang } = useI18n();
  const label = labelOf(props.name, props.schema, lang);
  if (fieldKind(props.name, props.schema) === 'list') return <ListField {...props} label={label} />;
  const isBool = props.schema.type === 'boolean';
  return (
    <Form.Item
      name={props.path}
      label={label}
      // A required switch that shows 否 means false: sent as such, not left out.
      {...(isBool ? { valuePropName: 'checked', ...(props.required ? { initialValue: false } : {}) } : {})}
      rules={props.required && !isBool ? [{ required: true, message: t('required') }] : []}
      required={props.required}
    >
      {control({ ...props, label }, t, lang)}
    </Form.Item>
  );
}

/** Every property of the form, each marked required as the schema says for the values typed so far. */
export function SchemaFields(props: { schema: JsonSchema; values: Values; ctx: FieldContext }): ReactNode {
  const required = requiredNow(props.schema, props.values);
  return (
    <>
      {Object.entries(props.schema.properties ?? {}).map(([name, s]) => (
        <SchemaField key={name} name={name} path={[name]} schema={s} required={required.has(name)} ctx={props.ctx} />
      ))}
    </>
  );
}
