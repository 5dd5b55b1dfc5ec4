// The console's own words in both languages (zh-CN first); the API's texts arrive already bilingual.
import { createContext, useContext, type ReactNode } from 'react';
import type { Bilingual, Lang } from '../../../../src/domain/i18n-text.js';

export type { Lang };

const WORDS = {
  appTitle: { zh: '12389 公安监督工作平台', en: '12389 Police Supervision Console' },
  appSubtitle: { zh: '直通 · 公安机关人民群众监督', en: 'Zhitong · public supervision of the police' },
  workbench: { zh: '工作台', en: 'Workbench' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  totpCode: { zh: '动态验证码', en: 'One-time code' },
  totpHint: { zh: '请打开身份验证器，输入当前显示的6位数字。', en: 'Open your authenticator app and enter the 6-digit code it shows.' },
  verify: { zh: '验证', en: 'Verify' },
  back: { zh: '返回', en: 'Back' },
  enrolmentCode: { zh: '绑定码', en: 'Enrolment code' },
  enrolHint: { zh: '首次登录需绑定身份验证器：请输入安全管理员线下发放的绑定码。', en: 'First sign-in: enter the enrolment code the security administrator gave you.' },
  enrolScan: { zh: '请用身份验证器扫描下方二维码：', en: 'Scan this code with your authenticator app:' },
  enrolKey: { zh: '无法扫码时，可手动添加以下密钥，然后输入显示的验证码：', en: 'Or add this key by hand, then enter the code it shows:' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  changePasswordHint: { zh: '密码已到期或为初始密码，请设置新密码。', en: 'Your password is initial or has expired; choose a new one.' },
  submit: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  required: { zh: '此项为必填项', en: 'This field is required' },
  sessionEnded: { zh: '登录已失效，请重新登录。', en: 'Your session has ended; please sign in again.' },
  signInFooter: { zh: '本系统为公安机关内部工作系统，所有操作均记录审计日志。', en: 'Internal police system. Every action is recorded in the audit log.' },
  policeNumber: { zh: '警号', en: 'Police no.' },
  queueCount: { zh: '件', en: 'cases' },
  caseNumber: { zh: '受理编号', en: 'Case no.' },
  title: { zh: '标题', en: 'Title' },
  type: { zh: '类型', en: 'Type' },
  state: { zh: '状态', en: 'State' },
  currentUnit: { zh: '当前承办单位', en: 'Current unit' },
  receivedAt: { zh: '收件时间', en: 'Received' },
  deadline: { zh: '办理期限', en: 'Deadline' },
  flags: { zh: '标记', en: 'Flags' },
  loadMore: { zh: '加载更多', en: 'Load more' },
  empty: { zh: '暂无案件', en: 'No cases' },
  refresh: { zh: '刷新', en: 'Refresh' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  notFoundTitle: { zh: '未找到', en: 'Not found' },
  backToWorkbench: { zh: '返回工作台', en: 'Back to the workbench' },
  content: { zh: '反映内容', en: 'Content' },
  subjects: { zh: '被反映人', en: 'Subjects' },
  reporter: { zh: '反映人信息', en: 'Reporter' },
  reporterHidden: { zh: '按保密规定，您无权查看反映人信息。', en: 'Under the confidentiality rules the reporter is not shown to you.' },
  anonymous: { zh: '匿名反映', en: 'Anonymous' },
  timeline: { zh: '流转记录', en: 'Case history' },
  step: { zh: '环节', en: 'Step' },
  unit: { zh: '单位', en: 'Unit' },
  person: { zh: '经办人', en: 'Person' },
  opinion: { zh: '意见', en: 'Opinion' },
  time: { zh: '时间', en: 'Time' },
  actions: { zh: '办理操作', en: 'Actions' },
  noActions: { zh: '当前没有您可以办理的操作。', en: 'There is nothing for you to do on this case now.' },
  publicDeadline: { zh: '承诺期限', en: 'Public deadline' },
  unitDeadline: { zh: '承办时限', en: 'Unit deadline' },
  channel: { zh: '来件渠道', en: 'Channel' },
  scope: { zh: '受理范围', en: 'Scope' },
  urgency: { zh: '紧急程度', en: 'Urgency' },
  urgent: { zh: '紧急', en: 'Urgent' },
  normal: { zh: '一般', en: 'Normal' },
  accusation: { zh: '举报件', en: 'Accusation' },
  businessRelated: { zh: '涉企', en: 'Business' },
  sealed: { zh: '密封', en: 'Sealed' },
  handler: { zh: '承办人', en: 'Handler' },
  occurredAt: { zh: '发生时间', en: 'Occurred' },
  location: { zh: '发生地点', en: 'Location' },
  pending: { zh: '待确认事项', en: 'Pending decisions' },
  chased: { zh: '已催办', en: 'Chased' },
  supervised: { zh: '已督办', en: 'Supervised' },
  suspended: { zh: '已挂起', en: 'Suspended' },
  awaitingConfirmation: { zh: '待确认', en: 'Awaiting confirmation' },
  overdue: { zh: '已超期', en: 'Overdue' },
  conflictTitle: { zh: '案件已被他人更新', en: 'The case has changed' },
  reloadKeep: { zh: '重新加载案件（保留已填写内容）', en: 'Reload the case (keep what you typed)' },
  reloaded: { zh: '已载入最新案件信息，您填写的内容已保留，请核对后再次提交。', en: 'The latest case is loaded and what you typed is kept; check it and submit again.' },
  actionGone: { zh: '重新加载后，此操作已不可办理。', en: 'After reloading, this action is no longer available.' },
  done: { zh: '办理成功', en: 'Done' },
  caseGone: { zh: '操作已完成，该案件已不在您的可见范围内。', en: 'Done; the case is no longer visible to you.' },
  chooseUnit: { zh: '选择单位', en: 'Choose unit' },
  searchUnit: { zh: '搜索单位名称', en: 'Search units' },
  suggested: { zh: '推荐', en: 'Suggested' },
  suggestionLine: { zh: '系统按路由规则推荐', en: 'Suggested by the routing table' },
  notOffered: { zh: '不在本操作可选范围内', en: 'Not a choice for this action' },
  confirm: { zh: '确定', en: 'OK' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  selectPlaceholder: { zh: '请选择', en: 'Select' },
  language: { zh: 'English', en: '中文' },
  caseScreensOnly: { zh: '本页面含工作秘密，严禁截屏、拍照外传。', en: 'Work secrets: do not photograph or share this screen.' },
  none: { zh: '无', en: 'None' },
  smsDeliveryFailed: { zh: '短信通知发送失败', en: 'Text message not delivered' },
  smsDeliveryHint: { zh: '反映人可能未收到该短信，请视情况电话告知。', en: 'The reporter may not have received it; consider telling them by telephone.' },
} as const satisfies Record<string, Bilingual>;

export type WordKey = keyof typeof WORDS;

interface I18n {
  readonly lang: Lang;
  readonly t: (key: WordKey) => string;
  readonly pick: (text: Bilingual) => string;
  readonly setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { lang: Lang; setLang: (lang: Lang) => void; children: ReactNode }): ReactNode {
  const { lang, setLang } = props;
  const value: I18n = { lang, setLang, t: (key) => WORDS[key][lang], pick: (text) => text[lang] };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
