// The words of the seeded reports: Chinese text from templates and vocabulary in the register the public
// uses on a 12389 portal or the phone (complaints about 户政/出入境/交管/治安/110 windows and officers,
// accusations of 索要好处费/吃拿卡要/态度粗暴/不作为, suggestions, praise, consultations). Names, places and
// dates vary per case. Everything is fictional.
import type { CaseType } from '../src/domain/data/taxonomy.js';
import type { PoliceBranch } from '../src/domain/data/police-branches.js';
import type { Rng } from './seed-rng.js';
import { personName } from './seed-org.js';

export interface SubjectText {
  readonly name?: string;
  readonly policeNumber?: string;
  readonly unit?: string;
  readonly position?: string;
  readonly vehiclePlate?: string;
}

export interface ReportText {
  readonly title: string | null;
  readonly content: string;
  readonly location: string;
  readonly subjects: readonly SubjectText[];
}

export interface Place {
  /** 东城分局城关派出所 */
  readonly stationName: string;
  /** 城关派出所 */
  readonly stationShort: string;
  /** 东城分局 / 示例县公安局 */
  readonly branchName: string;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤';

const WINDOWS: Readonly<Record<PoliceBranch, readonly string[]>> = {
  household: ['户籍窗口', '户政大厅', '身份证办理窗口', '居住证办理窗口', '户政服务中心'],
  exit_entry: ['出入境接待大厅', '护照办理窗口', '出入境自助签注区', '出入境受理窗口'],
  traffic: ['车管所业务大厅', '交警大队违法处理窗口', '事故处理中队', '驾驶人考试中心', '交警执勤点'],
  public_order: ['派出所值班室', '治安大队', '派出所接警台', '社区警务室'],
  case_handling: ['派出所办案区', '刑侦大队', '经侦大队', '派出所接报案窗口'],
  emergency_110: ['110报警台', '派出所值班室', '巡逻警车'],
  detention: ['看守所会见室', '拘留所接待室'],
  cyber: ['网安大队', '反诈中心', '派出所接报案窗口'],
  other: ['派出所值班室', '办事大厅', '警务服务站'],
};

const BUSINESS: Readonly<Record<PoliceBranch, readonly string[]>> = {
  household: ['补办身份证', '办理居住证', '户口迁移', '新生儿落户', '开具无犯罪记录证明', '办理临时身份证', '更正户口登记项目', '办理集体户口'],
  exit_entry: ['办理护照', '港澳通行证续签', '办理台湾通行证', '办理外国人居留许可', '补办护照', '办理出国探亲签注'],
  traffic: ['处理交通违法', '驾驶证换证', '机动车年检', '交通事故认定', '车辆过户', '补领行驶证', '申领电动车号牌', '撤销违停记录'],
  public_order: ['办理娱乐场所备案', '反映噪音扰民', '调解邻里纠纷', '办理旅馆业备案', '反映小区停车纠纷', '申请大型活动安全许可'],
  case_handling: ['报案', '询问案件进展', '领取立案回执', '配合做笔录', '申请返还被扣财物', '了解案件处理结果'],
  emergency_110: ['报警求助', '报警反映打架斗殴', '报警反映盗窃', '报警反映家庭纠纷', '报警反映交通事故'],
  detention: ['会见在押人员', '给在押亲属送衣物', '办理取保候审手续'],
  cyber: ['报网络诈骗案', '办理网站备案', '反映网络谣言', '追回被骗钱款'],
  other: ['咨询业务', '办理证明', '反映问题'],
};

const COMPLAINT_BEHAVIOURS = [
  '态度粗暴，对群众大声呵斥', '态度生硬，说话很冲', '推诿扯皮，让我来回跑了三趟', '一次性告知不到位，每次都说缺材料', '中途离岗，半个多小时不回来',
  '上班时间玩手机，不理睬排队群众', '只开一个窗口，排队两个多小时', '要求提供不必要的证明材料', '说系统故障让改天再来，连续三次都是这样', '不按规定时间上班，九点多才开门',
  '对老年人不耐心，不解释办理流程', '办理进度一拖再拖，超过承诺时限还没办好', '对我的询问爱答不理', '不出具任何书面告知', '工作人员之间互相推诿，都说不归自己管',
];

const POLICE_INACTION = [
  '出警慢，报警后四十分钟才到现场', '到场后简单问了几句就走了，没有任何处理', '多次报警都没有结果，也没有人回复', '对违法行为视而不见，不作为',
  '处理不公，明显偏袒对方', '立案后两个多月没有任何进展告知', '不予立案也不出具不予立案通知书', '调解时不听我方陈述，强行让我签字',
];

const ACCUSATION_ACTS: readonly { readonly text: (r: Rng) => string; readonly weight: number }[] = [
  { text: (r) => `索要好处费${String(r.pick([200, 300, 500, 800, 1000, 2000, 3000, 5000]))}元，不给就拖着不办`, weight: 1 },
  { text: (r) => `暗示我给好处费，说“懂规矩就快”，我没给，结果拖了${String(r.between(2, 6))}周`, weight: 0.3 },
  { text: () => '吃拿卡要，办事必须请吃饭送烟酒', weight: 4 },
  { text: (r) => `收受当事人${r.pick(['购物卡', '香烟两条', '红包', '土特产', '茶叶'])}，偏袒对方`, weight: 3 },
  { text: () => '接受当事人宴请，之后处理明显不公', weight: 2 },
  { text: (r) => `违规收费${String(r.pick([50, 100, 150, 200, 300]))}元却不开收据`, weight: 3 },
  { text: () => '态度粗暴，辱骂群众，还推搡我', weight: 5 },
  { text: () => '殴打被带回派出所的当事人', weight: 1 },
  { text: () => '私自放走违法人员', weight: 1 },
  { text: () => '泄露报警人信息，导致我被对方报复', weight: 2 },
  { text: () => '以罚代管，罚款不开票', weight: 2 },
  { text: () => '违规插手经济纠纷，帮一方讨债', weight: 2 },
  { text: () => '在办理企业证照时故意刁难，不作为、慢作为', weight: 3 },
  { text: () => '酒后驾驶警车', weight: 1 },
  { text: () => '与辖区娱乐场所老板称兄道弟，通风报信', weight: 1 },
  { text: () => '上班时间参与赌博', weight: 1 },
];
const ACT_TOTAL = ACCUSATION_ACTS.reduce((s, a) => s + a.weight, 0);

const DEMANDS = [
  '希望有关部门调查处理。', '请求对该民警进行严肃处理。', '希望尽快给予答复。', '希望加强管理，改进作风。', '请督察部门核实。',
  '希望给个说法。', '请领导重视，不要不了了之。', '希望能尽快把事情办好。',
];

const HELPS = [
  '找回走失的老人', '找回遗失的钱包和证件', '护送突发疾病的老人去医院', '耐心解答办证问题，加班帮我办完业务', '及时调解邻里纠纷',
  '帮我追回被骗的钱款', '冒雨疏导交通，帮我推车', '深夜帮我找到走失的孩子', '上门为行动不便的老人办理身份证', '帮我及时找回被盗的电动车',
];

const SUGGESTIONS = [
  (p: Place) => `建议${p.stationShort}增加周末户籍办理时间，上班族工作日很难请假办理业务。`,
  (p: Place) => `建议在${p.branchName}办事大厅增设自助办证设备，减少群众排队时间。`,
  () => '建议在学校门口上下学时段安排交警或辅警疏导交通，现在经常堵车。',
  () => '建议公布各窗口的办理时间和所需材料清单，避免群众来回跑。',
  () => '建议开通出入境业务网上预约，现在现场排队时间太长。',
  (p: Place) => `建议在${p.stationShort}辖区夜市周边增加夜间巡逻。`,
  () => '建议在老旧小区周边加装监控，最近电动车被盗比较多。',
  () => '建议简化开具无犯罪记录证明的流程，能在网上办理最好。',
  () => '建议交警对违停处罚前先短信提醒，给群众挪车的机会。',
  () => '建议加强反诈宣传，特别是针对老年人的冒充公检法诈骗。',
  () => '建议派出所公开值班电话，方便群众夜间求助。',
];

const CONSULTATIONS = [
  (b: string) => `请问${b}需要准备哪些材料？`,
  (b: string, w: string) => `请问${w}周末是否上班？我想${b}。`,
  (b: string, _w: string, p: Place) => `请问可以在${p.branchName}${b}吗？还是必须回户籍地？`,
  (b: string) => `请问${b}大概需要多长时间？`,
  (b: string) => `外地户口能否在本地${b}？需要什么条件？`,
  (b: string) => `请问${b}是否可以委托家属代办？`,
  (b: string) => `请问${b}收费标准是多少？`,
];

const OTHERS = [
  '我想了解一下12389平台反映的问题一般多长时间能有答复，以及如何查询进度。',
  '我反映的情况和公安工作有关，但不知道应该找哪个部门，请帮忙转交。',
  '之前通过12389反映的问题已经解决了，想撤回，不知道怎么操作。',
  '小区门口长期有人摆摊占道，不知道归哪个部门管，请帮忙协调。',
  '收到自称公安局的电话让我转账到安全账户，想核实一下是不是诈骗。',
];

const POSITIONS = ['民警', '辅警', '副所长', '所长', '教导员', '中队长', '窗口工作人员', '值班民警'];

function when(rng: Rng, at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const h = d.getUTCHours();
  const part = h < 6 ? '凌晨' : h < 11 ? '上午' : h < 13 ? '中午' : h < 18 ? '下午' : '晚上';
  const hour12 = h > 12 ? h - 12 : h;
  const minute = rng.chance(0.5) ? '左右' : `${String(d.getUTCMinutes())}分`;
  return `${String(d.getUTCFullYear())}年${String(d.getUTCMonth() + 1)}月${String(d.getUTCDate())}日${part}${String(hour12)}点${minute}`;
}

function officer(rng: Rng): { text: string; subject: SubjectText } {
  const surname = SURNAMES.charAt(rng.int(SURNAMES.length));
  const position = rng.pick(POSITIONS);
  const policeNumber = rng.chance(0.3) ? String(rng.between(100000, 999999)) : undefined;
  const name = rng.chance(0.6) ? `${surname}某` : `${surname}警官`;
  const text = policeNumber !== undefined ? `警号为${policeNumber}的${position}` : rng.chance(0.5) ? `一名姓${surname}的${position}` : `${position}${name}`;
  return { text, subject: { name, position, ...(policeNumber === undefined ? {} : { policeNumber }) } };
}

function act(rng: Rng): string {
  let r = rng.next() * ACT_TOTAL;
  for (const a of ACCUSATION_ACTS) {
    r -= a.weight;
    if (r < 0) return a.text(rng);
  }
  return '态度粗暴';
}

function sentences(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('');
}

/** One report's words: title (or null for a generated one), content, location and the subjects named. */
export function reportText(rng: Rng, type: CaseType, topic: PoliceBranch, place: Place, occurredAt: Date, staffTitled: boolean, withSubject: boolean): ReportText {
  const window = rng.pick(WINDOWS[topic]);
  const business = rng.pick(BUSINESS[topic]);
  const at = when(rng, occurredAt);
  const where = rng.chance(0.6) ? place.stationName : place.stationShort;
  const location = `${place.branchName}${rng.chance(0.5) ? place.stationShort.replace('派出所', '') : ''}${window}`;
  let content: string;
  let title: string | null = null;
  const subjects: SubjectText[] = [];
  switch (type) {
    case 'accusation': {
      const o = officer(rng);
      const second = rng.chance(0.2) ? officer(rng) : null;
      subjects.push({ ...o.subject, unit: where });
      if (second) subjects.push({ ...second.subject, unit: where });
      content = sentences(
        `${at}，我到${where}${window}${business}。`,
        `${o.text}${act(rng)}。`,
        second && `同在现场的${second.text}也${act(rng)}。`,
        rng.chance(0.4) && `我手里有${rng.pick(['录音', '聊天记录', '转账记录', '现场照片', '证人'])}可以证明。`,
        rng.chance(0.3) && `这已经不是第一次了，周围很多群众都反映过类似问题。`,
        rng.pick(DEMANDS),
      );
      title = staffTitled || rng.chance(0.3) ? `举报${place.stationShort}${o.subject.position ?? '民警'}${rng.pick(['违纪问题', '索要财物', '态度粗暴', '不作为'])}` : null;
      break;
    }
    case 'complaint': {
      const inaction = topic === 'emergency_110' || topic === 'case_handling' || (topic === 'public_order' && rng.chance(0.5));
      const o = withSubject ? officer(rng) : null;
      if (o) subjects.push({ ...o.subject, unit: where });
      const who = o ? o.text : rng.pick(['窗口工作人员', '值班民警', '一名民警', '一名辅警', '出警的两名民警', '工作人员']);
      content = sentences(
        `${at}，我在${where}${window}${business}，`,
        `${who}${inaction ? rng.pick(POLICE_INACTION) : rng.pick(COMPLAINT_BEHAVIOURS)}。`,
        rng.chance(0.5) && `${rng.pick(['我多次询问原因', '我拨打了值班电话', '我找了带班领导', '我当场提出意见'])}，${rng.pick(['都没有得到答复', '对方说这是规定', '对方让我去别处问', '至今没有结果'])}。`,
        rng.chance(0.25) && `我是做生意的，${rng.pick(['公司证照一直办不下来', '店铺备案拖了一个多月', '货车被扣影响了经营'])}，损失很大。`,
        rng.chance(0.005) && '还有人私下暗示要给好处费才能快点办。',
        rng.pick(DEMANDS),
      );
      title = staffTitled || rng.chance(0.35) ? `反映${place.stationShort}${window}${rng.pick(['服务态度问题', '推诿拖延', '办事效率低', '不作为'])}` : null;
      break;
    }
    case 'suggestion':
      content = sentences(rng.pick(SUGGESTIONS)(place), rng.chance(0.5) && rng.pick(['希望采纳。', '谢谢！', '以上建议供参考。', '希望能尽快改进。']));
      title = staffTitled || rng.chance(0.4) ? '关于改进公安服务的建议' : null;
      break;
    case 'praise': {
      const name = personName(rng.int(100_000));
      if (withSubject) subjects.push({ name, unit: where, position: rng.pick(['民警', '辅警', '社区民警']) });
      content = sentences(
        `${at}，${where}${rng.pick(['民警', '社区民警', '辅警'])}${name}${rng.pick(['在', '于'])}${rng.pick(['值班时', '巡逻时', '下班途中', '节假日'])}帮助我${rng.pick(HELPS)}，`,
        rng.pick(['非常感谢他们的耐心和负责。', '特此表扬！', '希望领导给予表彰。', '我们全家都非常感激。', '想送一面锦旗表示感谢。']),
      );
      title = staffTitled || rng.chance(0.5) ? `表扬${place.stationShort}民警${name}` : null;
      break;
    }
    case 'consultation':
      content = rng.pick(CONSULTATIONS)(business, window, place);
      title = staffTitled ? `咨询${business}` : null;
      break;
    case 'other':
      content = rng.pick(OTHERS);
      title = staffTitled ? '其他事项' : null;
      break;
  }
  return { title, content, location, subjects };
}

// Texts the staff write along the way (opinions on the timeline, proposals, briefs, replies).
export const PROPOSALS = ['拟交办', '拟交属地派出所核查办理', '拟交分局督察大队调查核实', '拟直接答复', '拟呈阅', '拟存查', '拟转有关部门'];
export const INSTRUCTIONS = ['同意', '同意，请认真核查，按时回复', '同意，严肃核查', '请尽快办理', '阅'];
export const BRIEFS = ['请核实反映情况，依法依规处理，按时限反馈结果。', '请认真调查核实，及时联系反映人，按期书面反馈。', '请严肃核查，处理结果报督察支队。'];
export const REVIEWS = ['同意', '审核通过', '同意上报', '已核，同意答复'];
export const REPLIES = [
  '经核查，您反映的问题属实，已对相关人员进行批评教育，并责令整改。感谢您的监督。',
  '经核查，您反映的问题部分属实，已责成所在单位改进工作作风，加强窗口管理。',
  '经调查核实，未发现您反映的问题，已向您说明情况。如有新的线索，欢迎继续反映。',
  '您咨询的问题已电话答复，办理所需材料及流程已告知。',
  '感谢您的建议，相关部门已研究采纳，将逐步改进。',
];
export const RESULT_REPORTS = ['调取了窗口监控录像并询问了当事民警和在场群众。', '查阅了办理记录，走访了反映人和相关人员。', '对涉事民警进行了谈话，核实了办理过程。'];
export const MEASURES = ['批评教育', '责令书面检查', '通报批评', '诫勉谈话', '加强窗口管理', '调整岗位'];
