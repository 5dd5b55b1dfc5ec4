// Each channel's own record on the registration form (DESIGN §5): caller number and call time, the
// postmark, the report box's location and its two openers, the visit, the superior's transfer.
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import type { StaffChannel } from './registration-body.js';

type Kind = 'text' | 'phone' | 'datetime' | 'date' | 'people';

interface DetailField {
  readonly name: string;
  readonly label: Bilingual;
  readonly kind: Kind;
  readonly required: boolean;
  readonly max?: number;
}

const f = (name: string, zh: string, en: string, kind: Kind, required: boolean, max?: number): DetailField => ({ name, label: { zh, en }, kind, required, ...(max === undefined ? {} : { max }) });

const call = [f('callerNumber', '来电号码', 'Caller number', 'phone', true, 24), f('calledAt', '来电时间', 'Called at', 'datetime', true), f('callId', '话务编号', 'Call id', 'text', false, 64)];

export const CHANNEL_FIELDS: Readonly<Record<StaffChannel, readonly DetailField[]>> = {
  phone: call,
  voicemail: call,
  letter: [f('postmarkDate', '邮戳日期', 'Postmark date', 'date', true), f('postmarkPlace', '邮戳地点', 'Postmark place', 'text', false, 100), f('envelopeNote', '信封备注', 'Envelope note', 'text', false, 500)],
  mailbox: [f('boxLocation', '举报箱位置', 'Box location', 'text', true, 200), f('openedAt', '开箱时间', 'Opened at', 'datetime', true), f('openers', '开箱人（两人）', 'Openers (two)', 'people', true)],
  visit: [f('visitedAt', '来访时间', 'Visited at', 'datetime', true), f('place', '接待地点', 'Place', 'text', true, 200), f('receivedBy', '接待人', 'Received by', 'text', true, 64)],
  superior_transfer: [f('fromOrgan', '转办机关', 'From organ', 'text', true, 200), f('documentNumber', '转办文号', 'Document number', 'text', false, 100), f('transferredAt', '转办时间', 'Transferred at', 'datetime', true)],
};

function control(d: DetailField, placeholder: string): ReactNode {
  switch (d.kind) {
    case 'datetime':
      return <DatePicker className="zt-full" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={placeholder} />;
    case 'date':
      return <DatePicker className="zt-full" placeholder={placeholder} />;
    case 'people':
      // Two people open the box together; each name typed and confirmed with Enter.
      return <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} placeholder={placeholder} />;
    case 'phone':
    case 'text':
      return <Input maxLength={d.max} />;
  }
}

export function ChannelFields(props: { channel: StaffChannel }): ReactNode {
  const { pick, t } = useI18n();
  const twoOpeners = pick({ zh: '须填写两名开箱人', en: 'Two openers are required' });
  return (
    <Row gutter={16}>
      {CHANNEL_FIELDS[props.channel].map((d) => (
        <Col key={`${props.channel}-${d.name}`} xs={24} md={8}>
          <Form.Item
            name={['channelDetails', d.name]}
            label={pick(d.label)}
            rules={[
              ...(d.required ? [{ required: true, message: t('required') }] : []),
              ...(d.kind === 'people' ? [{ validator: async (_: unknown, v: unknown) => (Array.isArray(v) && v.length >= 2 ? Promise.resolve() : Promise.reject(new Error(twoOpeners))) }] : []),
            ]}
          >
            {control(d, d.kind === 'people' ? pick({ zh: '输入姓名后按回车', en: 'Type a name, press Enter' }) : t('selectPlaceholder'))}
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
