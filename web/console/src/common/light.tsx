// The green / amber / red light of DESIGN §4 with its words, and the case flags as tags.
import { Badge, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { Bilingual, CaseFlags, Light } from '../api/types.js';
import { useI18n, type WordKey } from '../app/i18n.js';

const LIGHT_STATUS = { green: 'success', amber: 'warning', red: 'error', none: 'default' } as const satisfies Record<Light, string>;
const LIGHT_WORD = {
  green: { zh: '正常', en: 'On time' },
  amber: { zh: '临期', en: 'Due soon' },
  red: { zh: '超期', en: 'Overdue' },
  none: { zh: '不计时', en: 'No clock' },
} as const satisfies Record<Light, Bilingual>;

export function LightText(props: { light: Light; text: Bilingual }): ReactNode {
  const { pick } = useI18n();
  return (
    <span className={`zt-light zt-light-${props.light}`} data-light={props.light}>
      <Badge status={LIGHT_STATUS[props.light]} text={<span title={pick(LIGHT_WORD[props.light])}>{pick(props.text)}</span>} />
    </span>
  );
}

export function LightTag(props: { light: Light }): ReactNode {
  const { pick } = useI18n();
  const color = { green: 'success', amber: 'warning', red: 'error', none: 'default' }[props.light];
  return <Tag color={color}>{pick(LIGHT_WORD[props.light])}</Tag>;
}

const FLAG_TAGS: readonly { key: keyof CaseFlags; word: WordKey; color: string }[] = [
  { key: 'overdue', word: 'overdue', color: 'red' },
  { key: 'supervised', word: 'supervised', color: 'volcano' },
  { key: 'chased', word: 'chased', color: 'orange' },
  { key: 'suspended', word: 'suspended', color: 'default' },
  { key: 'awaitingConfirmation', word: 'awaitingConfirmation', color: 'blue' },
];

export function FlagTags(props: { flags: Partial<Readonly<Record<string, boolean>>> }): ReactNode {
  const { t } = useI18n();
  const shown = FLAG_TAGS.filter((f) => props.flags[f.key] === true);
  if (shown.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((f) => (
        <Tag key={f.key} color={f.color}>
          {t(f.word)}
        </Tag>
      ))}
    </Space>
  );
}
