// The portal's standing texts in the register of a Chinese 12389 centre, with English. The bureau's
// name and contacts come from the site settings; everything here is the same for every bureau.
import type { Bilingual } from '../i18n.js';

export const NOT_ACCEPTED: readonly { what: Bilingual; where: Bilingual }[] = [
  {
    what: { zh: '已经或者依法应当通过诉讼、行政复议、仲裁等法定途径解决的事项', en: 'Matters that are, or by law must be, settled through litigation, administrative review or arbitration' },
    where: { zh: '请依法向人民法院、行政复议机关或仲裁机构提出', en: 'Take them to the people’s court, the administrative review body or the arbitration body' },
  },
  {
    what: { zh: '报警求助、正在发生的违法犯罪', en: 'Emergencies and crimes happening now' },
    where: { zh: '请直接拨打110', en: 'Call 110 at once' },
  },
  {
    what: { zh: '不属于公安机关职责范围的事项', en: 'Matters outside the duties of the public security organs' },
    where: { zh: '请向有关部门或12345政务服务便民热线反映', en: 'Contact the responsible department or the 12345 government service hotline' },
  },
];

export const PROCEDURE: readonly Bilingual[] = [
  { zh: '提交反映，获得受理编号和查询码', en: 'You submit and receive a case number and a query code' },
  { zh: '12389中心登记审核，符合受理范围的予以受理', en: 'The 12389 centre registers and screens it' },
  { zh: '交由承办单位调查处理', en: 'A handling unit investigates' },
  { zh: '答复办理结果', en: 'You receive the answer' },
  { zh: '回访评价', en: 'We follow up and you rate the answer' },
];

export const PROMISE: Bilingual = {
  zh: '自受理之日起30日内答复办理结果；情况复杂、需要延长办理期限的，承办部门将与您联系并说明理由。',
  en: 'You will get an answer within 30 days of acceptance. If a complex case needs longer, the handling department will contact you and explain why.',
};

/** 举报须知: truthfulness and liability, confidentiality and protection, scope, time limit. */
export const REPORT_NOTICE: readonly Bilingual[] = [
  {
    zh: '请如实反映情况，并对所反映内容的真实性负责。捏造、歪曲事实，诬告陷害他人的，将依法依纪追究责任。',
    en: 'Tell us the facts truthfully; you are responsible for what you report. Inventing or distorting facts to falsely accuse someone is punishable by law and discipline.',
  },
  {
    zh: '我们对反映人的身份信息和反映内容严格保密，不会向被反映人及其所在单位透露。对打击报复反映人的，依法依纪严肃处理。',
    en: 'Your identity and your report are kept strictly confidential and never disclosed to the person or unit you report. Retaliation against a reporter is severely punished.',
  },
  {
    zh: '本平台受理对本市公安机关及其人民警察的检举控告、投诉、意见建议、表扬和咨询；依法应当通过诉讼、行政复议、仲裁等途径解决的事项，请通过相应法定途径提出。',
    en: 'This platform accepts accusations, complaints, suggestions, praise and questions about the city’s public security organs and officers. Matters for the courts, administrative review or arbitration must go through those channels.',
  },
  { zh: '自受理之日起30日内答复办理结果；需要延长的，承办部门将与您联系并说明理由。', en: 'You will get an answer within 30 days of acceptance; if it takes longer, the handling department will contact you and explain why.' },
  {
    zh: '实名反映的，我们将通过您留下的联系方式告知办理情况；匿名反映的，我们无法与您联系，请妥善保存受理编号和查询码，凭其查询进度和答复。',
    en: 'If you give your name, we tell you how your case is handled through the contact you leave. If you stay anonymous we cannot contact you: keep the case number and query code to follow your case.',
  },
];

/** 个人信息处理告知 under PIPL: who, why, what, how long, with whom, your rights. `{bureau}` and `{hotline}` are filled in. */
export const PRIVACY_NOTICE: readonly { head: Bilingual; body: Bilingual }[] = [
  { head: { zh: '处理者', en: 'Who processes it' }, body: { zh: '{bureau}（12389群众监督中心）。', en: '{bureau} (its 12389 public supervision centre).' } },
  {
    head: { zh: '处理目的', en: 'Why' },
    body: { zh: '仅用于受理、办理、答复您反映的事项和回访，不用于其他目的。', en: 'Only to accept, handle and answer what you report and to follow up with you; for nothing else.' },
  },
  {
    head: { zh: '处理的信息', en: 'What' },
    body: { zh: '实名反映时的姓名和联系电话（或电子邮箱），以及您填写的内容和提交的材料。匿名反映不收集身份信息。', en: 'For a real-name report, your name and phone number (or e-mail), and what you write and upload. An anonymous report collects no identity.' },
  },
  {
    head: { zh: '提供范围', en: 'Who sees it' },
    body: { zh: '只在办理需要时提供给承办单位的办理人员；举报人身份信息不提供给被举报人及其所在单位。所有查看均留痕备查。', en: 'Only the staff handling your case, where needed. A reporter’s identity is never given to the person or unit reported. Every access is logged.' },
  },
  {
    head: { zh: '保存期限', en: 'How long' },
    body: { zh: '按照信访工作和档案管理规定的期限保存，期满后删除或者作匿名化处理。信息加密存储。', en: 'For the periods set by the petition and archive rules, then deleted or anonymised. Stored encrypted.' },
  },
  {
    head: { zh: '您的权利', en: 'Your rights' },
    body: {
      zh: '依照《中华人民共和国个人信息保护法》，您有权查阅、复制、更正、补充您的个人信息，可拨打{hotline}或来信提出。',
      en: 'Under the Personal Information Protection Law you may see, copy, correct or complete your personal information; call {hotline} or write to us.',
    },
  },
];

export const fill = (text: string, values: Readonly<Record<string, string>>): string => text.replace(/\{(\w+)\}/gu, (m, k: string) => values[k] ?? m);
