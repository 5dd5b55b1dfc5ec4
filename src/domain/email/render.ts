// The words of our mails (text/plain, DESIGN §7.4). The acknowledgement carries the number and the query
// code; the tracking address is a bare link and never carries the code (a link with the code would
// leave it in browser histories, proxies and referrers). Notices carry no case content.
export interface AckFacts {
  readonly bureau: string;
  readonly caseNumber: string;
  readonly queryCode: string;
  readonly trackUrl: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
}

export function renderAcknowledgement(f: AckFacts): RenderedMail {
  return {
    subject: `Auto: 来信已受理 [${f.caseNumber}]`,
    text: [
      '您好：',
      '',
      `您发送至${f.bureau}的来信已登记受理。`,
      '',
      `受理编号：${f.caseNumber}`,
      `查询码：${f.queryCode}`,
      '',
      `请在 ${f.trackUrl} 输入受理编号和查询码查询办理进展。查询码请妥善保管，不要告知他人；工作人员不会向您索要查询码。`,
      '如需补充情况，请直接回复本邮件，并保留邮件标题中的受理编号。',
      '',
      '本邮件由系统自动发送。',
      f.bureau,
      '',
    ].join('\r\n'),
  };
}

/** A new query code a clerk reissued after checking the reporter's identity (DESIGN §7.4); the old one is void. */
export function renderReissuedCode(f: AckFacts): RenderedMail {
  return {
    subject: `Auto: 查询码已补发 [${f.caseNumber}]`,
    text: [
      '您好：',
      '',
      `应您的申请，${f.bureau}已为您反映的事项补发查询码，原查询码已作废。`,
      '',
      `受理编号：${f.caseNumber}`,
      `新查询码：${f.queryCode}`,
      '',
      `请在 ${f.trackUrl} 输入受理编号和查询码查询办理进展。查询码请妥善保管，不要告知他人；工作人员不会向您索要查询码。`,
      '如您未申请补发查询码，请致电12389反映。',
      '',
      '本邮件由系统自动发送。',
      f.bureau,
      '',
    ].join('\r\n'),
  };
}

/** Notices as case actions name them (src/commands/case-actions). */
const NOTICE_WORDS: Readonly<Record<string, string>> = {
  accepted: '您反映的问题已受理，正在办理。',
  not_accepted: '您反映的问题经审查不予受理，具体说明请查询办理进展。',
  transferred: '您反映的问题已转有关部门办理，具体说明请查询办理进展。',
  extended: '您反映的问题办理期限已依规延长，我们将继续办理并及时答复。',
  replied: '您反映的问题已办理完毕并作出答复，请查询办理结果。',
  replied_via_master: '您反映的问题已与相关来件一并办理并作出答复，请查询办理结果。',
  explained: '针对您反映的问题，我们作出了说明，请查询办理进展。',
  message: '工作人员给您留言，请查询办理进展。',
};

export function renderNotice(bureau: string, caseNumber: string, notice: string, trackUrl: string): RenderedMail {
  return {
    subject: `办理进展告知 [${caseNumber}]`,
    text: [
      '您好：',
      '',
      NOTICE_WORDS[notice] ?? '您反映的问题有新的办理进展，请查询。',
      '',
      `受理编号：${caseNumber}`,
      `请在 ${trackUrl} 输入受理编号和查询码查询。`,
      '',
      bureau,
      '',
    ].join('\r\n'),
  };
}
