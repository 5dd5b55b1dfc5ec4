// Forms of the centre's decisions before a unit has the case: accept, not_accept, merge, instruct, assign, reclassify.
import { CHANNELS } from '../channels.js';
import { REPORT_LIMITS } from '../classification.js';
import { POLICE_BRANCHES } from '../data/police-branches.js';
import { CASE_SCOPES, CASE_TYPES, type TaxonomyEntry } from '../data/taxonomy.js';
import type { Bilingual } from '../i18n-text.js';
import { RANK_LABELS } from '../roles.js';
import {
  ACCEPT_MODE_LABELS,
  INSTRUCT_DECISION_LABELS,
  INSTRUCT_MODE_LABELS,
  INSTRUCTION_MEDIUM_LABELS,
  NOT_ACCEPT_REASON_LABELS,
  URGENCY_LABELS,
} from './codes.js';
import { choice, codes, date, dateTime, flag, form, id, list, text, when, type JsonSchema } from './schema.js';

/** Codes of a reviewed dictionary with their names as the choice labels. */
const names = (entries: readonly TaxonomyEntry<string>[]): Record<string, Bilingual> => Object.fromEntries(entries.map((e) => [e.code, e.name]));

/** One subject as screened: an existing record keeps its `id`; links to a user and unit once identified. */
const subject = form({
  id: id({ zh: '被反映人记录', en: 'Subject record' }),
  name: text({ zh: '姓名', en: 'Name' }, REPORT_LIMITS.nameMax),
  policeNumber: text({ zh: '警号', en: 'Police number' }, 20),
  unitText: text({ zh: '单位（原文）', en: 'Unit as written' }, REPORT_LIMITS.workplaceMax),
  position: text({ zh: '职务', en: 'Position' }, 50),
  vehiclePlate: text({ zh: '车牌号', en: 'Vehicle plate' }, 20),
  userId: id({ zh: '关联民警', en: 'Linked user' }),
  unitId: id({ zh: '关联单位', en: 'Linked unit' }),
  rank: choice({ zh: '职级', en: 'Rank' }, RANK_LABELS),
});

const subjects = list({ zh: '被反映人', en: 'Subjects' }, subject, REPORT_LIMITS.subjectsMax);
const unitDeadline = date({ zh: '承办时限', en: 'Unit deadline' });
const proposedUnitId = id({ zh: '拟交办单位', en: 'Proposed unit' });
const informUnitIds = list({ zh: '阅知单位', en: 'Units to inform' }, id({ zh: '单位', en: 'Unit' }), 20);

/** The classification fields accept and reclassify share (DESIGN §2). */
const classification = {
  type: choice({ zh: '类型', en: 'Type' }, names(CASE_TYPES)),
  scope: choice({ zh: '受理范围', en: 'Scope' }, names(CASE_SCOPES)),
  problemType: text({ zh: '问题类别', en: 'Problem type' }, 50),
  policeBranch: choice({ zh: '涉及警种', en: 'Police branch' }, names(POLICE_BRANCHES)),
  urgency: choice({ zh: '紧急程度', en: 'Urgency' }, URGENCY_LABELS),
  businessRelated: flag({ zh: '涉企', en: 'Business-related' }),
  subjects,
  notIdentifiable: flag({ zh: '被反映人无法确定', en: 'Subjects not identifiable' }),
} as const;

const accept = form(
  {
    ...classification,
    mode: choice({ zh: '办理方式', en: 'Handling mode' }, ACCEPT_MODE_LABELS),
    proposal: text({ zh: '拟办意见', en: 'Proposal' }),
    proposedUnitId,
    unitDeadline,
    informUnitIds,
    transferTo: text({ zh: '转往机关', en: 'Receiving organ' }, 200),
  },
  ['type', 'scope', 'urgency', 'businessRelated', 'mode', 'proposal'],
  [when('mode', ['transfer', 'refer', 'report_up'], ['transferTo'])],
);

const notAccept = form(
  {
    reason: choice({ zh: '不予受理理由', en: 'Reason' }, NOT_ACCEPT_REASON_LABELS),
    explanation: text({ zh: '说明', en: 'Explanation' }),
    whereToGo: text({ zh: '告知途径', en: 'Where to go' }, 500),
  },
  ['reason', 'explanation', 'whereToGo'],
);

const merge = form(
  {
    masterCaseNumber: { ...text({ zh: '主件受理编号', en: 'Master case number' }, 40), pattern: '^[A-Z0-9-]+$' },
    reason: text({ zh: '并案理由', en: 'Reason' }, 1_000),
  },
  ['masterCaseNumber', 'reason'],
);

const instructionFields = {
  decision: choice({ zh: '批示', en: 'Decision' }, INSTRUCT_DECISION_LABELS),
  text: text({ zh: '批示内容', en: 'Instruction' }),
  mode: choice({ zh: '办理方式', en: 'Handling mode' }, INSTRUCT_MODE_LABELS),
  unitId: id({ zh: '交办单位', en: 'Unit' }),
  unitDeadline,
  informUnitIds,
} as const;

const instruct = form(instructionFields, ['decision', 'text', 'mode']);

const recordInstruction = form(
  {
    ...instructionFields,
    leaderUserId: id({ zh: '批示领导', en: 'Leader' }),
    leaderName: text({ zh: '批示领导姓名', en: "Leader's name" }, 50),
    medium: choice({ zh: '批示方式', en: 'Given' }, INSTRUCTION_MEDIUM_LABELS),
    givenAt: dateTime({ zh: '批示时间', en: 'Given at' }),
  },
  ['decision', 'text', 'mode', 'leaderName', 'medium', 'givenAt'],
);

const assign = form(
  {
    leadUnitId: id({ zh: '主办单位', en: 'Lead unit' }),
    coUnitIds: list({ zh: '协办单位', en: 'Co-handling units' }, id({ zh: '单位', en: 'Unit' }), 10),
    unitDeadline,
    brief: text({ zh: '交办单摘要', en: 'Dispatch brief' }),
  },
  ['leadUnitId', 'unitDeadline', 'brief'],
);

const reclassify = form(
  {
    ...classification,
    channel: codes({ zh: '来源渠道', en: 'Channel' }, CHANNELS),
    receivedAt: dateTime({ zh: '收件时间', en: 'Received at' }),
    reason: text({ zh: '更正理由', en: 'Reason' }, 1_000),
  },
  ['reason'],
);

const dispatchOnsite = form(
  {
    location: text({ zh: '现场地点', en: 'Location' }, REPORT_LIMITS.locationMax),
    instructions: text({ zh: '督察要求', en: 'Instructions' }, 1_000),
  },
  ['location', 'instructions'],
);

export const INTAKE_FORMS = {
  accept,
  not_accept: notAccept,
  merge,
  instruct,
  record_instruction: recordInstruction,
  assign,
  reclassify,
  dispatch_onsite: dispatchOnsite,
} as const satisfies Record<string, JsonSchema>;
