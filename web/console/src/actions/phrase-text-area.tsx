// A textarea with 常用语: picking a phrase fills an empty field or adds it after what is written.
import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown, Input } from 'antd';
import type { ChangeEvent, ReactNode } from 'react';
import type { Bilingual } from '../api/types.js';
import { useI18n } from '../app/i18n.js';

interface Props {
  readonly value?: string;
  readonly onChange?: (value: string) => void;
  readonly maxLength?: number | undefined;
  readonly phrases: readonly Bilingual[];
  readonly id?: string;
}

export function PhraseTextArea(props: Props): ReactNode {
  const { pick } = useI18n();
  const value = props.value ?? '';
  const add = (phrase: string): void => props.onChange?.(value.trim() === '' ? phrase : `${value}${phrase}`);
  return (
    <div className="zt-phrase-area">
      {/* Fixed rows: autoSize measures through a style attribute, which the CSP blocks. */}
      <Input.TextArea id={props.id} rows={4} maxLength={props.maxLength} showCount value={value} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => props.onChange?.(e.target.value)} />
      <Dropdown trigger={['click']} menu={{ items: props.phrases.map((p, i) => ({ key: String(i), label: pick(p), onClick: () => add(pick(p)) })) }}>
        <Button size="small" type="link" className="zt-phrase-button" data-testid="phrases">
          {pick({ zh: '常用语', en: 'Stock phrases' })} <DownOutlined />
        </Button>
      </Dropdown>
    </div>
  );
}
