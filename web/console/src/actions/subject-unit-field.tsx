// A subject's unit link (关联单位) chosen by name from the bureau's units: the unit where the accused serve is
// kept away from the case by the firewall, so every unit can be named here, eligible to handle it or not.
import { Form, Select } from 'antd';
import type { ReactNode } from 'react';
import { useAssignableUnits } from './unit-picker.js';

export function isSubjectUnit(name: string, itemProperties: Readonly<Record<string, unknown>>): boolean {
  return name === 'unitId' && 'userId' in itemProperties;
}

interface Props {
  readonly caseNumber: string;
  readonly index: number;
  readonly label: string;
}

export function SubjectUnitField(props: Props): ReactNode {
  const units = useAssignableUnits(props.caseNumber);
  const options = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Form.Item name={[props.index, 'unitId']} label={props.label}>
      <Select showSearch={{ optionFilterProp: 'label' }} allowClear loading={units.isLoading} options={options} data-testid="subject-unit" />
    </Form.Item>
  );
}
