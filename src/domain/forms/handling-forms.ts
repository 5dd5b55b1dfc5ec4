// Forms of the unit's work on the chain: sign-for to review, and the requests that stop or move its clocks.
import { DISCIPLINARY_OUTCOMES } from '../data/disciplinary-outcomes.js';
import { REPORT_LIMITS } from '../classification.js';
import { APPROVAL_LABELS, CONTACT_METHOD_LABELS, FINDING_LABELS, REVIEW_DECISION_LABELS } from './codes.js';
import { choice, date, dateTime, flag, form, id, int, list, text, when, type JsonSchema } from './schema.js';

/** Longest single extension per cycle, in calendar days (DESIGN §3.2). */
export const EXTENSION_MAX_DAYS = 30;

const reason = text({ zh: '理由', en: 'Reason' }, 1_000);
const note = text({ zh: '备注', en: 'Note' }, 1_000);
const approval = choice({ zh: '审批意见', en: 'Decision' }, APPROVAL_LABELS);

const signFor = form({ handleMyself: flag({ zh: '签收并自行承办', en: 'Sign for and handle myself' }) });

const redispatch = form(
  {
    unitId: id({ zh: '下转单位', en: 'Sub-unit' }),
    unitDeadline: date({ zh: '承办时限', en: 'Unit deadline' }),
    brief: text({ zh: '下转说明', en: 'Brief' }),
  },
  ['unitId'],
);

const discipline = form(
  {
    subjectId: id({ zh: '被反映人', en: 'Subject' }),
    outcome: choice({ zh: '处理结果', en: 'Outcome' }, DISCIPLINARY_OUTCOMES),
  },
  ['subjectId', 'outcome'],
);

const submitResult = form(
  {
    finding: choice({ zh: '核查结论', en: 'Finding' }, FINDING_LABELS),
    investigationReport: text({ zh: '调查报告', en: 'Investigation report' }, 20_000),
    measures: text({ zh: '整改措施', en: 'Measures' }),
    discipline: list({ zh: '对民警的处理', en: 'Outcomes per officer' }, discipline, REPORT_LIMITS.subjectsMax),
    draftReply: text({ zh: '答复意见（草稿）', en: 'Draft reply' }),
  },
  ['finding', 'draftReply'],
);

const review = form(
  { decision: choice({ zh: '审核意见', en: 'Decision' }, REVIEW_DECISION_LABELS), opinion: text({ zh: '审核说明', en: 'Opinion' }, 2_000) },
  ['decision'],
  [when('decision', ['send_back'], ['opinion'])],
);

const requestExtension = form(
  {
    days: int({ zh: '延期天数（自然日）', en: 'Days (calendar)' }, 1, EXTENSION_MAX_DAYS),
    reason,
    reasonForReporter: text({ zh: '告知反映人的延期理由', en: 'Reason told to the reporter' }, 500),
  },
  ['days', 'reason', 'reasonForReporter'],
);

const decideExtension = form(
  { decision: approval, days: int({ zh: '批准天数', en: 'Days approved' }, 1, EXTENSION_MAX_DAYS), note },
  ['decision'],
  [when('decision', ['approve'], ['days']), when('decision', ['reject'], ['note'])],
);

const requestSuspension = form({ reason, expectedEnd: date({ zh: '预计恢复日期', en: 'Expected end' }) }, ['reason', 'expectedEnd']);
const decide = form({ decision: approval, note }, ['decision'], [when('decision', ['reject'], ['note'])]);

export const HANDLING_FORMS = {
  sign_for: signFor,
  redispatch,
  request_return: form({ reason }, ['reason']),
  decide_return: decide,
  assign_handler: form({ handlerUserId: id({ zh: '承办人', en: 'Handler' }) }, ['handlerUserId']),
  record_contact: form(
    {
      contactedAt: dateTime({ zh: '联系时间', en: 'Contacted at' }),
      method: choice({ zh: '联系方式', en: 'Method' }, CONTACT_METHOD_LABELS),
      note,
    },
    ['contactedAt', 'method'],
  ),
  submit_result: submitResult,
  review,
  request_extension: requestExtension,
  decide_extension: decideExtension,
  request_suspension: requestSuspension,
  decide_suspension: decide,
  resume: form({ note }),
} as const satisfies Record<string, JsonSchema>;
