// The report's fields on a clerk's forms (DESIGN §2): the six types in plain words, the police service
// the caller names, content, reporter (only for a real-name report) and subjects.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { REPORT_LIMITS as L } from '../../../../src/domain/classification.js';
import { POLICE_BRANCHES } from '../../../../src/domain/data/police-branches.js';
import { CASE_TYPES } from '../../../../src/domain/data/taxonomy.js';
import { useI18n } from '../app/i18n.js';
import { DirectoryTextInput } from '../common/directory-inputs.js';
import { typeLabel } from '../common/labels.js';
import type { DirectoryEntry } from '../common/staff-directory.js';

export function TypeField(): ReactNode {
  const { pick, t } = useI18n();
  return (
    <Form.Item name="type" label={pick({ zh: '反映类型', en: 'Type' })} rules={[{ required: true, message: t('required') }]}>
      <Radio.Group className="zt-type-choices">
        {CASE_TYPES.map((c) => (
          <Radio.Button key={c.code} value={c.code} title={pick(c.description)}>
            <span data-type={c.code}>{pick(typeLabel(c.code))}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
    </Form.Item>
  );
}

function TypeHint(): ReactNode {
  const { pick } = useI18n();
  return (
    <Form.Item noStyle shouldUpdate={(a: { type?: string }, b: { type?: string }) => a.type !== b.type}>
      {({ getFieldValue }) => {
        const entry = CASE_TYPES.find((c) => c.code === getFieldValue('type'));
        return entry === undefined ? null : <Typography.Paragraph type="secondary" className="zt-type-hint">{pick(entry.description)}</Typography.Paragraph>;
      }}
    </Form.Item>
  );
}

function ReporterFields(): ReactNode {
  const { pick } = useI18n();
  return (
    <Form.Item noStyle shouldUpdate={(a: { anonymity?: string }, b: { anonymity?: string }) => a.anonymity !== b.anonymity}>
      {({ getFieldValue }) =>
        getFieldValue('anonymity') !== 'real_name' ? null : (
          <Card size="small" className="zt-card" title={pick({ zh: '反映人信息（保密）', en: 'Reporter (confidential)' })}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['reporter', 'name']} label={pick({ zh: '姓名', en: 'Name' })} rules={[{ required: true, message: pick({ zh: '实名反映须填写姓名', en: 'A real-name report needs a name' }) }]}>
                  <Input maxLength={L.nameMax} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['reporter', 'phone']} label={pick({ zh: '联系电话', en: 'Phone' })}>
                  <Input maxLength={24} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['reporter', 'email']} label={pick({ zh: '电子邮箱', en: 'E-mail' })}>
                  <Input maxLength={254} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['reporter', 'address']} label={pick({ zh: '通讯地址', en: 'Address' })}>
                  <Input maxLength={L.addressMax} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['reporter', 'workplace']} label={pick({ zh: '工作单位', en: 'Workplace' })}>
                  <Input maxLength={L.workplaceMax} />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Text type="secondary" className="zt-small">
              {pick({ zh: '留有电话或邮箱的，查询码由系统以短信或邮件直接发给反映人，不在本屏幕显示。', en: 'With a phone or e-mail the query code goes to the reporter by SMS or e-mail and is not shown here.' })}
            </Typography.Text>
          </Card>
        )
      }
    </Form.Item>
  );
}

/** 姓名 and 警号 suggest users of the staff directory; choosing one fills the row's name, number and unit. */
function SubjectFields(): ReactNode {
  const { pick } = useI18n();
  const form = Form.useFormInstance();
  const cols = [
    { name: 'name', label: { zh: '姓名', en: 'Name' }, max: L.nameMax, directory: 'displayName' },
    { name: 'policeNumber', label: { zh: '警号', en: 'Police no.' }, max: 20, directory: 'policeNumber' },
    { name: 'unit', label: { zh: '所在单位', en: 'Unit' }, max: 100, directory: null },
    { name: 'position', label: { zh: '职务', en: 'Position' }, max: 50, directory: null },
    { name: 'vehiclePlate', label: { zh: '车牌号', en: 'Plate' }, max: 20, directory: null },
  ] as const;
  const fill = (row: number, e: DirectoryEntry): void => {
    form.setFieldValue(['subjects', row, 'name'], e.displayName);
    form.setFieldValue(['subjects', row, 'policeNumber'], e.policeNumber ?? '');
    form.setFieldValue(['subjects', row, 'unit'], e.unit.name);
  };
  return (
    <Form.List name="subjects">
      {(rows, { add, remove }) => (
        <Card size="small" className="zt-card" title={pick({ zh: '被反映人', en: 'Subjects' })}>
          {rows.map((row) => (
            <Row key={row.key} gutter={8} align="bottom" data-subject-row={row.name}>
              {cols.map((c) => (
                <Col key={c.name} xs={12} md={4}>
                  <Form.Item name={[row.name, c.name]} label={pick(c.label)}>
                    {c.directory === null ? <Input maxLength={c.max} /> : <DirectoryTextInput field={c.directory} maxLength={c.max} onPick={(e) => fill(row.name, e)} />}
                  </Form.Item>
                </Col>
              ))}
              <Col xs={4} md={2}>
                <Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(row.name)} aria-label={pick({ zh: '删除', en: 'Remove' })} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          {rows.length < L.subjectsMax ? (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
              {pick({ zh: '添加被反映人', en: 'Add a subject' })}
            </Button>
          ) : null}
        </Card>
      )}
    </Form.List>
  );
}

/** Everything but the channel; `contentRequired` is false for an inbox item, whose text is the default. */
export function ReportFields(props: { contentRequired: boolean }): ReactNode {
  const { pick, t } = useI18n();
  return (
    <>
      <TypeField />
      <TypeHint />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={pick({ zh: '标题（可不填，系统自动生成）', en: 'Title (generated when empty)' })}>
            <Input maxLength={L.titleMax} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="reportedPoliceBranch" label={pick({ zh: '反映涉及警种', en: 'Police service named' })}>
            <Select allowClear placeholder={t('selectPlaceholder')} options={POLICE_BRANCHES.map((b) => ({ value: b.code, label: pick(b.name) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="content" label={t('content')} rules={props.contentRequired ? [{ required: true, message: t('required') }] : []}>
        <Input.TextArea rows={6} maxLength={L.contentMax} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="occurredAt" label={t('occurredAt')}>
            <DatePicker className="zt-full" placeholder={t('selectPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="location" label={t('location')}>
            <Input maxLength={L.locationMax} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="anonymity" label={pick({ zh: '是否实名', en: 'Real name?' })} rules={[{ required: true, message: t('required') }]}>
        <Radio.Group>
          <Radio value="real_name">{pick({ zh: '实名', en: 'Real name' })}</Radio>
          <Radio value="anonymous">{pick({ zh: '匿名', en: 'Anonymous' })}</Radio>
        </Radio.Group>
      </Form.Item>
      <ReporterFields />
      <SubjectFields />
    </>
  );
}
