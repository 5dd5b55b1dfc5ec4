// The receipt: 受理编号 and 查询码, large and grouped, with copy buttons, "请截图保存" and print. Held in
// memory only; a reload or a shared link shows the advice, never a code.
import { useEffect, useState } from 'react';
import { useT } from '../i18n.js';
import { forgetReceipt, handToTrack, lastReceipt } from '../receipt-store.js';
import { copyText } from '../ui/copy.js';
import { Link } from '../ui/link.js';

/** 10 digits as 12345 67890, so a person can read them out over the phone. */
const grouped = (code: string): string => code.replace(/(\d{5})(?=\d)/gu, '$1 ');

function CodeRow({ label, value, shown, testId }: { label: string; value: string; shown: string; testId: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div className="zt-code-row">
      <dt>{label}</dt>
      <dd>
        <span className="zt-code" data-testid={testId}>
          {shown}
        </span>
        <button
          type="button"
          className="zt-btn zt-btn-small zt-no-print"
          onClick={() => {
            void copyText(value).then(setCopied);
          }}
          aria-label={`${t('复制', 'Copy')}${label}`}
        >
          {copied ? t('已复制', 'Copied') : t('复制', 'Copy')}
        </button>
      </dd>
    </div>
  );
}

export function ReceiptPage() {
  const t = useT();
  // Read once: leaving the page forgets the code (the track page takes it first when it is the way out).
  const [receipt] = useState(lastReceipt);
  useEffect(() => forgetReceipt, []);
  if (receipt === null) {
    return (
      <section className="zt-card zt-center">
        <h1>{t('受理回执', 'Receipt')}</h1>
        <p>{t('为保护您的信息，离开回执页面后查询码不再显示。请凭提交时保存的受理编号和查询码查询办理进度。', 'To protect you, the query code is not shown again once you leave the receipt. Use the number and code you saved to track your case.')}</p>
        <Link to="/track" className="zt-btn zt-btn-primary">
          {t('进度查询', 'Track a case')}
        </Link>
      </section>
    );
  }
  return (
    <section className="zt-card zt-receipt" aria-labelledby="receipt-h">
      <h1 id="receipt-h">{t('提交成功', 'Submitted')}</h1>
      <p>{t('您反映的情况已提交，我们将依法依规办理。', 'Your report has been received and will be handled according to law.')}</p>
      <dl className="zt-codes">
        <CodeRow label={t('受理编号', 'Case number')} value={receipt.caseNumber} shown={receipt.caseNumber} testId="case-number" />
        <CodeRow label={t('查询码', 'Query code')} value={receipt.queryCode} shown={grouped(receipt.queryCode)} testId="query-code" />
      </dl>
      <p className="zt-warning" role="note">
        <strong>{t('请截图保存。', 'Take a screenshot now.')}</strong>
        {t('受理编号和查询码是查询进度、补充材料和评价答复的唯一凭证，查询码仅显示这一次，遗失后无法找回。', 'The number and code are the only way to track your case, add information and rate the answer. The code is shown only this once and cannot be recovered.')}
      </p>
      {receipt.realName && <p>{t('我们将通过您留下的联系方式告知受理和办理情况。', 'We will tell you about acceptance and the result through the contact you left.')}</p>}
      <div className="zt-actions zt-no-print">
        <button type="button" className="zt-btn zt-btn-secondary" onClick={() => window.print()}>
          {t('打印回执', 'Print')}
        </button>
        <Link to="/track" className="zt-btn zt-btn-primary" onNavigate={() => handToTrack(receipt)}>
          {t('查询进度', 'Track this case')}
        </Link>
      </div>
    </section>
  );
}
