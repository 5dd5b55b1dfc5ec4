// 常用语: stock phrases for opinion fields. The API has no phrase dictionary (its dictionaries are problem
// types and police branches), so the console carries this small reviewed list; a clerk picks one and edits it.
import type { Bilingual } from '../api/types.js';

const p = (zh: string, en: string): Bilingual => ({ zh, en });

/** By `action.field` first, then by field name alone. */
const PHRASES: Readonly<Record<string, readonly Bilingual[]>> = {
  'accept.proposal': [
    p('拟交属地派出所核查处理，并按期反馈。', 'Propose the local station looks into it and reports back in time.'),
    p('拟交相关警种部门核查处理，并按期反馈。', 'Propose the police service concerned looks into it and reports back in time.'),
    p('拟由中心直接答复反映人。', 'Propose the centre replies directly.'),
    p('拟呈局领导阅示。', 'Propose it goes to the bureau leader for information.'),
  ],
  'instruct.text': [p('同意拟办意见。', 'Agreed.'), p('同意，请承办单位认真核查，按期反馈。', 'Agreed; the unit is to look into it carefully and report back in time.'), p('请督察部门跟踪督办。', 'The inspectorate is to follow and supervise.')],
  'record_instruction.text': [p('同意拟办意见。', 'Agreed.')],
  'review.opinion': [p('经审核，办理结果属实，同意上报。', 'Reviewed; the result stands, pass it up.'), p('核查不够深入，请补充调查后重新提交。', 'Not looked into enough; investigate further and resubmit.'), p('答复意见表述不当，请修改后重新提交。', 'The draft reply needs rewording; revise and resubmit.')],
  'submit_result.draftReply': [
    p('您反映的问题已收悉。经核查，情况如下：', 'We received your report. Having looked into it, we found:'),
    p('感谢您对公安工作的监督和支持。', 'Thank you for supervising and supporting police work.'),
  ],
  'submit_result.measures': [p('已对相关民警进行批评教育，责令其改正。', 'The officers concerned were criticised and told to correct it.'), p('已完善窗口服务制度，加强日常监督。', 'The counter service rules were improved and daily supervision tightened.')],
  'reply.text': [p('您好，您反映的问题经核查，现答复如下：', 'Hello, having looked into your report, our reply is as follows:'), p('感谢您对公安工作的监督和支持。', 'Thank you for supervising and supporting police work.')],
  'chase.note': [p('该件即将到期，请抓紧办理并按期反馈。', 'This case is nearly due; please hurry and report back in time.'), p('该件已超期，请立即办理并说明原因。', 'This case is overdue; act at once and explain why.')],
  'add_note.text': [p('已电话联系反映人，约定时间面谈。', 'Phoned the reporter and agreed a time to meet.'), p('承办人申请延期：需调取相关材料，请所领导审批。', 'The handler asks for an extension to collect records; for the unit head to approve.')],
  'request_extension.reason': [p('案情复杂，需进一步调查取证。', 'The matter is complex and needs more investigation.'), p('需调取相关部门材料，无法在期限内办结。', 'Records from other departments are needed; it cannot be finished in time.')],
  'request_extension.reasonForReporter': [p('因需进一步核实情况，办理期限依规延长，请您谅解。', 'Because more checking is needed, the deadline is extended under the rules; thank you for your patience.')],
  'decide_extension.note': [p('同意延期，请按新期限办结。', 'Extension approved; finish by the new deadline.')],
  'record_contact.note': [p('已电话联系反映人，了解具体情况。', 'Phoned the reporter and heard the details.')],
  'record_follow_up.note': [p('回访反映人，对办理结果表示满意。', 'Followed up; the reporter is satisfied with the result.')],
  'archive.note': [p('材料齐全，予以归档。', 'The file is complete; archived.')],
  'assign.brief': [p('请按期核查处理，并将办理结果报中心。', 'Look into it in time and report the result to the centre.')],
  opinion: [p('同意。', 'Agreed.'), p('不同意。', 'Not agreed.')],
  note: [p('同意。', 'Agreed.'), p('情况属实。', 'Confirmed.')],
};

export function phrasesFor(action: string | undefined, field: string): readonly Bilingual[] {
  return (action === undefined ? undefined : PHRASES[`${action}.${field}`]) ?? PHRASES[field] ?? [];
}
