// The one showing of a reissued query code that no channel could carry (DESIGN §7.4): the reporter came by
// letter or in person, so the clerk who checked their identity hands it over. The server kept no readable copy
// and answers it only this once; the dialog cannot be dismissed by a stray click, and closing it forgets it.
import { Alert, Button, Descriptions, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';

interface Props {
  readonly caseNumber: string;
  readonly code: string;
  readonly onClose: () => void;
}

export function IssuedCodeDialog(props: Props): ReactNode {
  const { pick } = useI18n();
  return (
    <Modal
      open
      width={560}
      title={pick({ zh: '补发的查询码', en: 'The reissued query code' })}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      footer={[
        <Button key="done" type="primary" onClick={props.onClose} data-testid="issued-code-done">
          {pick({ zh: '已告知反映人，关闭', en: 'Handed over; close' })}
        </Button>,
      ]}
    >
      <Alert
        className="zt-dialog-alert"
        type="warning"
        showIcon
        title={pick({ zh: '说明：请仅向已核实身份的反映人本人告知', en: 'Tell it only to the reporter whose identity you checked, in person or by letter' })}
        description={pick({
          zh: '查询码只显示这一次，关闭后无法再次查看，系统不保存其明文；原查询码已作废。请勿拍照、记录或转告他人。',
          en: 'It is shown this once and cannot be seen again once closed; the system keeps no readable copy. The old code no longer works. Do not photograph, note or pass it on.',
        })}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={pick({ zh: '受理编号', en: 'Case number' })}>{props.caseNumber}</Descriptions.Item>
        <Descriptions.Item label={pick({ zh: '新查询码', en: 'New query code' })}>
          <span className="zt-issued-code" data-testid="issued-query-code">
            {props.code}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
