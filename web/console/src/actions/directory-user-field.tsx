// 关联民警 of a subject on the accept and reclassify forms (issue 4): a staff-directory picker instead of a
// bare id box. Choosing a user links their unit too and fills the name and police number left empty.
import { Form } from 'antd';
import type { ReactNode } from 'react';
import { DirectoryUserPicker } from '../common/directory-inputs.js';
import type { DirectoryEntry } from '../common/staff-directory.js';

interface Props {
  /** The list's name path in the form (subjects is top-level on the action forms). */
  readonly listPath: readonly (string | number)[];
  readonly index: number;
  readonly label: string;
  readonly required: boolean;
  readonly requiredMessage: string;
}

/** True for an item schema this picker fits: a user link beside a unit link. */
export function isSubjectLink(name: string, itemProperties: Readonly<Record<string, unknown>>): boolean {
  return name === 'userId' && 'unitId' in itemProperties;
}

export function DirectoryUserField(props: Props): ReactNode {
  const form = Form.useFormInstance();
  const at = (field: string): (string | number)[] => [...props.listPath, props.index, field];
  const empty = (field: string): boolean => {
    const v: unknown = form.getFieldValue(at(field));
    return typeof v !== 'string' || v.trim() === '';
  };
  const onPick = (e: DirectoryEntry): void => {
    form.setFieldValue(at('unitId'), e.unit.id);
    if (empty('name')) form.setFieldValue(at('name'), e.displayName);
    if (empty('policeNumber') && e.policeNumber !== null) form.setFieldValue(at('policeNumber'), e.policeNumber);
  };
  // A user linked before this form opened is labelled from the row's own name and number.
  const name: unknown = form.getFieldValue(at('name'));
  const number: unknown = form.getFieldValue(at('policeNumber'));
  const known = [name, number].filter((x): x is string => typeof x === 'string' && x !== '').join(' ');
  return (
    <Form.Item name={[props.index, 'userId']} label={props.label} required={props.required} rules={props.required ? [{ required: true, message: props.requiredMessage }] : []}>
      <DirectoryUserPicker knownLabel={known === '' ? undefined : known} onPick={onPick} />
    </Form.Item>
  );
}
