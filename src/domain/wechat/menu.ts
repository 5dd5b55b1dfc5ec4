// The account's menu (issue 8), created through the API because server mode disables the platform's own
// menu editor: report on the portal, see one's own cases, the hotline. The keys are ours.
export const MENU_KEYS = { myCases: 'ZT_MY_CASES', hotline: 'ZT_HOTLINE' } as const;

export interface MenuButton {
  readonly type: 'view' | 'click';
  readonly name: string;
  readonly url?: string;
  readonly key?: string;
}

/** `portal` is the public portal's address; WeChat opens it in its own browser. */
export function accountMenu(portal: URL): { readonly button: readonly MenuButton[] } {
  return {
    button: [
      { type: 'view', name: '我要反映', url: portal.href },
      { type: 'click', name: '我的反映', key: MENU_KEYS.myCases },
      { type: 'click', name: '12389热线', key: MENU_KEYS.hotline },
    ],
  };
}

export interface MyCaseLine {
  readonly caseNumber: string;
  readonly accusation: boolean;
  /** the stage as the portal words it */
  readonly stage: string;
}

/**
 * 我的反映 as one customer-service text. An accusation shows its number only: whoever holds this phone
 * learns no more than that a report exists, and reads its stage on the portal with the query code.
 */
export function myCasesText(lines: readonly MyCaseLine[], hotline: string): string {
  if (lines.length === 0) return `您尚未通过本公众号提交反映事项。如需反映问题，请点击菜单“我要反映”，或拨打${hotline}。`;
  const rows = lines.map((l) => (l.accusation ? `${l.caseNumber}：状态已更新，请凭受理编号和查询码查看` : `${l.caseNumber}：${l.stage}`));
  return ['您的反映事项：', ...rows, '详情请凭受理编号和查询码在网站“进度查询”中查看。'].join('\n');
}

export function hotlineText(hotline: string, hours: string): string {
  return `12389公安机关和民警违法违纪举报投诉热线：${hotline}。${hours}。如遇紧急情况，请直接拨打110。`;
}
