// The reviewed Chinese texts of the six public types and the bureau's nine acceptance-scope items.
// The seed is an English translation of the bureau's Chinese page; these are written back in the
// register a Chinese 12389 centre uses on its own portal. Keep every such text in this one file.
import type { Bilingual } from '../i18n-text.js';

export interface TaxonomyEntry<Code extends string> {
  readonly code: Code;
  readonly name: Bilingual;
  readonly description: Bilingual;
}

export const CASE_TYPES = [
  {
    code: 'accusation',
    name: { zh: '我要举报', en: 'Report misconduct' },
    description: {
      zh: '检举、控告公安机关及其人民警察违法违纪、不依法履行职责等问题。举报内容和举报人信息严格保密。',
      en: 'Report violations of law or discipline, or failure to perform legal duties, by public security organs or their officers. Your report and your identity are kept strictly confidential.',
    },
  },
  {
    code: 'complaint',
    name: { zh: '我要投诉', en: 'Make a complaint' },
    description: {
      zh: '对公安机关及其民警在执法执勤、窗口服务、行政审批中态度粗暴、推诿拖延、不作为、慢作为等问题进行投诉。',
      en: 'Complain about rude manners, buck-passing, delay, inaction or slowness by police in law enforcement, counter services or administrative approvals.',
    },
  },
  {
    code: 'suggestion',
    name: { zh: '我要建议', en: 'Make a suggestion' },
    description: {
      zh: '对公安工作、队伍建设和重大决策部署提出意见建议。',
      en: 'Offer opinions and suggestions on police work, the police force and major decisions.',
    },
  },
  {
    code: 'praise',
    name: { zh: '我要表扬', en: 'Give praise' },
    description: {
      zh: '对积极履职、热情服务的公安机关及民警提出表扬或表达感谢。',
      en: 'Praise or thank police units and officers who performed their duties well and served warmly.',
    },
  },
  {
    code: 'consultation',
    name: { zh: '我要咨询', en: 'Ask a question' },
    description: {
      zh: '咨询公安业务办理、政策法规等问题。紧急求助请直接拨打110。',
      en: 'Ask about police services, procedures, policies and regulations. For emergencies call 110.',
    },
  },
  {
    code: 'other',
    name: { zh: '其他', en: 'Other' },
    description: {
      zh: '其他需要向公安机关反映的情况。',
      en: 'Anything else you need to tell the public security organs.',
    },
  },
] as const satisfies readonly TaxonomyEntry<string>[];

export const CASE_SCOPES = [
  {
    code: 'opinion',
    name: { zh: '意见建议与批评', en: 'Opinions and criticism' },
    description: {
      zh: '对本市公安机关贯彻落实上级重大决策部署和全市公安工作的意见、建议和批评。',
      en: "Opinions, suggestions and criticism on how the city's public security organs carry out major decisions from above and on the city's police work.",
    },
  },
  {
    code: 'social_info',
    name: { zh: '社情民意', en: 'Social conditions and public opinion' },
    description: {
      zh: '与公安工作相关的倾向性、苗头性问题和重要社情民意信息。',
      en: 'Trends, emerging issues and important information on social conditions and public opinion related to police work.',
    },
  },
  {
    code: 'team_building',
    name: { zh: '队伍建设建言', en: 'Building the police force' },
    description: {
      zh: '推动公安工作高质量发展、加强公安队伍建设的好意见、好建议。',
      en: 'Good ideas and suggestions for the high-quality development of police work and for building a strong police force.',
    },
  },
  {
    code: 'misconduct',
    name: { zh: '违法违纪检举控告', en: 'Accusations of misconduct' },
    description: {
      zh: '对本市公安机关及其人民警察不执行党的路线方针政策和国家法律法规、不依法履行职责、在履行职务活动中违法违纪等问题的检举控告。',
      en: "Accusations that the city's public security organs or their officers failed to carry out the Party's line and policies or the laws and regulations of the State, failed to perform their legal duties, or broke the law or discipline in their official activities.",
    },
  },
  {
    code: 'business_environment',
    name: { zh: '营商环境问题', en: 'Business environment' },
    description: {
      zh: '对本市公安机关及其民警在行政审批、证照办理、管理服务中庸懒散拖、不作为、慢作为乃至吃拿卡要等严重影响营商环境问题的检举控告。',
      en: "Accusations of laziness, inaction, slowness or even demands for favours by police in administrative approval, licensing and management services that seriously harm the city's business environment.",
    },
  },
  {
    code: 'decision_feedback',
    name: { zh: '决策征询反馈', en: 'Feedback on decisions' },
    description: {
      zh: '对本市公安机关重大决策部署前开展的民意调查、问卷征询的反馈，以及对市局党委重大决策部署的理性意见和建议。',
      en: "Feedback on opinion surveys and questionnaires run before the city's public security organs make major decisions, and reasoned opinions and suggestions on the major decisions of the bureau's Party committee.",
    },
  },
  {
    code: 'praise',
    name: { zh: '表扬感谢', en: 'Praise and thanks' },
    description: {
      zh: '对积极履职尽责的本市公安机关及其民警的表扬或感谢。',
      en: "Praise or thanks for the city's public security organs and officers who actively performed their duties.",
    },
  },
  {
    code: 'internal_affairs',
    name: { zh: '内务条令执行情况', en: 'Internal-affairs regulations' },
    description: {
      zh: '对本市公安机关及其民警执行《公安机关人民警察内务条令》情况的反映。',
      en: "Reports on how the city's public security organs and officers observe the Internal Affairs Regulations of the People's Police of Public Security Organs.",
    },
  },
  {
    code: 'other',
    name: { zh: '其他事项', en: 'Other matters' },
    description: {
      zh: '其他需要向公安机关反映和反馈的情况。',
      en: 'Other information that needs to be reported and fed back to the public security organs.',
    },
  },
] as const satisfies readonly TaxonomyEntry<string>[];

export type CaseType = (typeof CASE_TYPES)[number]['code'];
export type CaseScope = (typeof CASE_SCOPES)[number]['code'];
export const CASE_TYPE_CODES = CASE_TYPES.map((t) => t.code) as [CaseType, ...CaseType[]];
export const CASE_SCOPE_CODES = CASE_SCOPES.map((s) => s.code) as [CaseScope, ...CaseScope[]];
