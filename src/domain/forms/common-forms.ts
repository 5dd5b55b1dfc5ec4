// Forms of the actions offered in many states: chasing, notes, messages, recusal, break-glass, confirmations.
import { REPORT_LIMITS } from '../classification.js';
import { GRANT_WHAT_LABELS, IDENTITY_CHECK_LABELS, SUPERVISION_KIND_LABELS } from './codes.js';
import { choice, date, form, id, text, when, type JsonSchema } from './schema.js';

const reason = text({ zh: '理由', en: 'Reason' }, 1_000);
/** Break-glass reasons must say something (DESIGN §7.2). */
const breakGlassReason = { ...reason, minLength: 5 };
const decisionId = id({ zh: '待确认事项', en: 'Pending decision' });

export const COMMON_FORMS = {
  chase: form({ note: text({ zh: '催办意见', en: 'Note' }, 1_000) }, ['note']),
  supervise: form(
    {
      kind: choice({ zh: '督办方式', en: 'Kind' }, SUPERVISION_KIND_LABELS),
      note: text({ zh: '督办意见', en: 'Note' }, 1_000),
      dueBy: date({ zh: '限期', en: 'Due by' }),
    },
    ['kind', 'note'],
  ),
  declare_conflict: form({ reason }, ['reason']),
  reveal_reporter: form({ reason: breakGlassReason }, ['reason']),
  grant_original: form(
    {
      what: choice({ zh: '授权内容', en: 'What' }, GRANT_WHAT_LABELS),
      attachmentId: id({ zh: '原件', en: 'Original' }),
      unitId: id({ zh: '授权单位', en: 'Unit' }),
      reason: breakGlassReason,
    },
    ['what', 'unitId', 'reason'],
    [when('what', ['attachment'], ['attachmentId'])],
  ),
  add_note: form({ text: text({ zh: '备注内容', en: 'Note' }, REPORT_LIMITS.messageMax) }, ['text']),
  message_reporter: form({ text: text({ zh: '留言内容', en: 'Message' }, REPORT_LIMITS.messageMax) }, ['text']),
  // How the identity was checked is audited; "other" must say how (DESIGN §7.4).
  reissue_query_code: form(
    {
      identityCheck: choice({ zh: '身份核实方式', en: 'How the identity was checked' }, IDENTITY_CHECK_LABELS),
      identityCheckNote: text({ zh: '核实方式说明', en: 'How, in words' }, 500),
      reason: text({ zh: '补发原因', en: 'Reason' }, 1_000),
    },
    ['identityCheck', 'reason'],
    [when('identityCheck', ['other'], ['identityCheckNote'])],
  ),
  confirm: form({ decisionId, note: text({ zh: '意见', en: 'Note' }, 1_000) }, ['decisionId']),
  decline: form({ decisionId, reason }, ['decisionId', 'reason']),
} as const satisfies Record<string, JsonSchema>;
