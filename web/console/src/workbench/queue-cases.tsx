// A queue's cases, with its batch action when it has one: tick the cases, act once, read each case's answer.
import { Button, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { CaseListItem } from '../api/types.js';
import { useI18n } from '../app/i18n.js';
import { batchFor } from './batch.js';
import { BatchDialog } from './batch-dialog.js';
import { CaseTable } from './case-table.js';
import type { Queue } from './queues.js';

export function QueueCases(props: { queue: Queue; roles: readonly string[] }): ReactNode {
  const { pick } = useI18n();
  const batch = batchFor(props.queue.key, props.roles);
  const [selected, setSelected] = useState<CaseListItem[]>([]);
  const [open, setOpen] = useState(false);
  if (batch === null) return <CaseTable queue={props.queue} />;
  return (
    <>
      <Space className="zt-batch-bar">
        <Button type="primary" disabled={selected.length === 0} onClick={() => setOpen(true)} data-testid="batch-open" data-batch={batch.action}>
          {pick(batch.label)}
        </Button>
        <Typography.Text type="secondary">{pick({ zh: `已选${String(selected.length)}件`, en: `${String(selected.length)} selected` })}</Typography.Text>
      </Space>
      <CaseTable queue={props.queue} selection={{ selected, onChange: setSelected }} />
      {open ? (
        <BatchDialog
          batch={batch}
          cases={selected}
          onClose={() => {
            setOpen(false);
            setSelected([]);
          }}
        />
      ) : null}
    </>
  );
}
