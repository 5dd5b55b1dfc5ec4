// The reviewed zh defaults of the printed forms and notices (issue 4 打印), in the shape Chinese public
// security organs use: a form table for internal papers (登记表, 呈批件, 交办单, 催办单, 审批表), a letter with
// salutation, indented paragraphs and a right-aligned organ and date for what goes to the reporter or a unit
// (督办通知, 告知书, 答复意见书). Wording follows 信访工作条例 Art. 23, 32, 34 and DESIGN §3.4 (a 交办单 never
// carries the reporter). The sysadmin replaces them (print_templates); the bureau should review these texts.
import type { DocumentKind } from '../print/documents.js';

export interface TemplateText {
  readonly title: string;
  readonly body: string;
}

const lines = (...l: string[]): string => l.join('\n');

export const DEFAULT_PRINT_TEMPLATES = {
  registration: {
    title: '12389监督平台受理登记表',
    body: lines(
      '受理编号｜{{caseNumber}}',
      '来件渠道｜{{channel}}',
      '收件时间｜{{receivedAt}}',
      '登记时间｜{{registeredAt}}',
      '反映人｜{{reporterName}}（{{anonymity}}）',
      '联系电话｜{{reporterPhone}}',
      '通讯地址｜{{reporterAddress}}',
      '工作单位｜{{reporterWorkplace}}',
      '被反映人｜{{subjects}}',
      '反映类型｜{{type}}',
      '受理范围｜{{scope}}',
      '问题类别｜{{problemType}}',
      '涉及警种｜{{policeBranch}}',
      '紧急程度｜{{urgency}}',
      '标题｜{{title}}',
      '反映内容｜{{content}}',
      '发生时间｜{{occurredAt}}',
      '发生地点｜{{location}}',
      '拟办意见｜{{proposal}}',
      '登记人｜{{registeredBy}}',
    ),
  },
  proposal: {
    title: '呈批件',
    body: lines(
      '受理编号｜{{caseNumber}}',
      '来件渠道｜{{channel}}',
      '收件时间｜{{receivedAt}}',
      '反映类型｜{{type}}',
      '紧急程度｜{{urgency}}',
      '被反映人｜{{subjects}}',
      '标题｜{{title}}',
      '内容摘要｜{{content}}',
      '拟办意见｜{{proposal}}',
      '拟办人｜{{proposedBy}}　　{{acceptedDate}}',
      '领导批示｜{{instruction}}',
      '批示领导｜{{instructedBy}}　　{{instructedAt}}',
    ),
  },
  dispatch: {
    title: '交办单',
    body: lines(
      '受理编号｜{{caseNumber}}',
      '承办单位｜{{leadUnit}}',
      '协办单位｜{{coUnits}}',
      '反映类型｜{{type}}',
      '问题类别｜{{problemType}}',
      '被反映人｜{{subjects}}',
      '标题｜{{title}}',
      '交办事项｜{{brief}}',
      '领导批示｜{{instruction}}',
      '交办时间｜{{assignedAt}}',
      '办理时限｜请于{{unitDue}}前办结并报送办理结果（对外承诺期限：{{publicDue}}）',
      '工作要求｜请严格遵守保密规定，不得向被反映人及无关人员透露反映人信息和反映内容；如认为不属本单位职责，请在规定时限内申请退回。',
      '签收人（签名）｜{{signedForBy}}',
      '签收时间｜{{signedForAt}}',
      '',
      '>{{issuer}}',
      '>{{assignedDate}}',
    ),
  },
  chase: {
    title: '催办单',
    body: lines(
      '受理编号｜{{caseNumber}}',
      '承办单位｜{{currentUnit}}',
      '反映类型｜{{type}}',
      '标题｜{{title}}',
      '交办时间｜{{assignedAt}}',
      '承办时限｜{{unitDue}}',
      '催办意见｜{{chaseOpinion}}',
      '催办人｜{{chasedBy}}',
      '催办时间｜{{chasedAt}}',
      '',
      '>{{bureauName}}12389监督平台',
      '>{{today}}',
    ),
  },
  supervise: {
    title: '督办通知',
    body: lines(
      '{{currentUnit}}：',
      '　　你单位承办的{{type}}件（受理编号：{{caseNumber}}，标题：{{title}}）于{{assignedAt}}交办，承办时限为{{unitDue}}。现对该件予以督办，督办意见如下：',
      '　　{{superviseOpinion}}',
      '　　请接此通知后加强领导、加快办理，于承办时限前将办理结果报送督察部门。',
      '',
      '>{{supervisorUnit}}',
      '>{{supervisedDate}}',
    ),
  },
  extension_request: {
    title: '延期申请审批表',
    body: lines(
      '受理编号｜{{caseNumber}}',
      '承办单位｜{{currentUnit}}',
      '反映类型｜{{type}}',
      '标题｜{{title}}',
      '交办时间｜{{assignedAt}}',
      '承办时限｜{{unitDue}}',
      '承诺期限｜{{publicDue}}',
      '申请延期天数｜{{extensionDays}}日',
      '延期理由｜{{extensionReason}}',
      '申请人｜{{extensionRequestedBy}}　　{{extensionRequestedAt}}',
      '审批意见｜{{extensionDecision}}',
      '审批人｜{{extensionDecidedBy}}　　{{extensionDecidedAt}}',
    ),
  },
  acceptance_notice: {
    title: '受理告知书',
    body: lines(
      '{{reporterName}}：',
      '　　您于{{receivedDate}}通过{{channel}}反映的问题（受理编号：{{caseNumber}}）已收悉。经审查，该问题属于本平台受理范围，现予以受理。我们将依法依规办理，并于{{publicDue}}前将办理结果告知您。',
      '　　您可凭受理编号和查询码在12389监督平台查询办理进度。',
      '　　特此告知。',
      '',
      '>{{bureauName}}',
      '>{{acceptedDate}}',
    ),
  },
  not_accepted_notice: {
    title: '不予受理告知书',
    body: lines(
      '{{reporterName}}：',
      '　　您于{{receivedDate}}通过{{channel}}反映的问题（受理编号：{{caseNumber}}）已收悉。经审查，决定不予受理，理由是：{{notAcceptReason}}。',
      '　　建议您向{{whereToGo}}反映。',
      '　　特此告知。',
      '',
      '>{{bureauName}}',
      '>{{notAcceptedDate}}',
    ),
  },
  extension_notice: {
    title: '延期告知书',
    body: lines(
      '{{reporterName}}：',
      '　　您反映的问题（受理编号：{{caseNumber}}）正在办理中。因{{extensionReasonForReporter}}，经批准，办理期限延长{{extensionDays}}日，延长后的办理期限为{{publicDue}}。',
      '　　特此告知。',
      '',
      '>{{bureauName}}',
      '>{{extendedDate}}',
    ),
  },
  reply_letter: {
    title: '答复意见书',
    body: lines(
      '{{reporterName}}：',
      '　　您于{{receivedDate}}通过{{channel}}反映的问题（受理编号：{{caseNumber}}）收悉。经调查核实，现答复如下：',
      '{{replyText}}',
      '　　如对本答复意见有异议，可自收到本答复意见书之日起30日内向本机关提出。',
      '　　特此答复。',
      '',
      '>{{bureauName}}',
      '>{{repliedDate}}',
    ),
  },
} as const satisfies Record<DocumentKind, TemplateText>;
