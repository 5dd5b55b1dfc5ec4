// The voicemail clock of DESIGN §4 on an inbox item: "listen by 10:00 on the next working day", red once
// it has passed unheard, and who listened first once someone has.
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { formatDateTime } from '../common/format.js';

export function ListenByTag(props: { listenBy: string | null | undefined; listenedAt: string | null | undefined; now?: Date }): ReactNode {
  const { pick, lang } = useI18n();
  if (props.listenBy === null || props.listenBy === undefined) return null;
  if (props.listenedAt !== null && props.listenedAt !== undefined) {
    return <Tag color="green" data-testid="listened">{pick({ zh: '已收听', en: 'Listened' })} {formatDateTime(props.listenedAt, lang)}</Tag>;
  }
  const late = new Date(props.listenBy).getTime() < (props.now ?? new Date()).getTime();
  return (
    <Tag color={late ? 'red' : 'orange'} data-testid="listen-by">
      {late ? pick({ zh: '收听已超时', en: 'Listen overdue' }) : pick({ zh: '请于此前收听', en: 'Listen by' })} {formatDateTime(props.listenBy, lang)}
    </Tag>
  );
}
