// Forms from the reply to the archive, and the reporter's own two actions.
import { REPORT_LIMITS } from '../classification.js';
import {
  CANNOT_REPLY_REASON_LABELS,
  DISSATISFACTION_REASON_LABELS,
  FOLLOW_UP_CHANNEL_LABELS,
  FOLLOW_UP_OUTCOME_LABELS,
  RATING_LABELS,
  REPLY_METHOD_LABELS,
  REPLY_OUTCOME_LABELS,
} from './codes.js';
import { choice, date, dateTime, form, list, text, when, type JsonSchema } from './schema.js';

const note = text({ zh: '备注', en: 'Note' }, 1_000);
/** When given (dissatisfied), at least one reason. */
const reasons = list({ zh: '不满意原因', en: 'Reasons' }, choice({ zh: '原因', en: 'Reason' }, DISSATISFACTION_REASON_LABELS), 5, 1);

const reply = form(
  {
    outcome: choice({ zh: '答复结果', en: 'Outcome' }, REPLY_OUTCOME_LABELS),
    method: choice({ zh: '答复方式', en: 'Method' }, REPLY_METHOD_LABELS),
    answeredBy: text({ zh: '答复人', en: 'Answered by' }, 50),
    answeredAt: dateTime({ zh: '答复时间', en: 'Answered at' }),
    text: text({ zh: '答复内容', en: 'Reply' }),
    reaction: text({ zh: '反映人意见', en: "The reporter's reaction" }, 1_000),
    cannotReplyReason: choice({ zh: '无法反馈原因', en: 'Why no reply is possible' }, CANNOT_REPLY_REASON_LABELS),
    cannotReplyNote: note,
  },
  ['outcome'],
  [when('outcome', ['replied'], ['method', 'answeredBy', 'answeredAt', 'text']), when('outcome', ['cannot_reply'], ['cannotReplyReason'])],
);

const recordFollowUp = form(
  {
    outcome: choice({ zh: '回访结果', en: 'Outcome' }, FOLLOW_UP_OUTCOME_LABELS),
    reasons,
    channel: choice({ zh: '回访方式', en: 'Channel' }, FOLLOW_UP_CHANNEL_LABELS),
    note,
  },
  ['outcome', 'channel'],
  [when('outcome', ['dissatisfied'], ['reasons'])],
);

const rate = form(
  {
    rating: choice({ zh: '评价', en: 'Rating' }, RATING_LABELS),
    reasons,
    comment: text({ zh: '意见', en: 'Comment' }, 500),
  },
  ['rating'],
  [when('rating', ['dissatisfied'], ['reasons'])],
);

export const CLOSING_FORMS = {
  reply,
  close: form({ note }),
  record_follow_up: recordFollowUp,
  reopen: form({ reason: text({ zh: '重办理由', en: 'Reason' }, 1_000), unitDeadline: date({ zh: '承办时限', en: 'Unit deadline' }) }, ['reason']),
  explain: form({ text: text({ zh: '解释说明内容', en: 'Explanation' }), method: choice({ zh: '方式', en: 'Method' }, REPLY_METHOD_LABELS) }, ['text', 'method']),
  declare_false_accusation: form(
    {
      reasons: text({ zh: '认定理由', en: 'Reasons' }),
      clearingRecord: text({ zh: '澄清正名记录', en: "Record clearing the officer's name" }),
    },
    ['reasons', 'clearingRecord'],
  ),
  archive: form({ note }),
  add_information: form({ text: text({ zh: '补充内容', en: 'Information' }, REPORT_LIMITS.messageMax) }, ['text']),
  rate,
} as const satisfies Record<string, JsonSchema>;
