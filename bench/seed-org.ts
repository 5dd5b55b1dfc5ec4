// The demo bureau scaled up for the benchmarks: 示例市公安局 with its 督察支队 (the 12389 centre), a few
// detachments, and 20 branches (分局/县局) each with a 督察大队 and 10 派出所, every unit staffed with the
// roles DESIGN §1 names. Fictional names only, as in src/commands/admin/demo-data.ts.
import type { Rank, Role } from '../src/domain/roles.js';
import type { UnitKind } from '../src/domain/units.js';

export interface SeedUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly parent: string | null;
  readonly inspection: boolean;
}

export interface SeedUser {
  readonly username: string;
  readonly displayName: string;
  readonly unit: string;
  readonly roles: readonly Role[];
  readonly policeNumber: string;
  readonly rank: Rank;
}

const BRANCH_NAMES = [
  '东城分局', '西城分局', '南城分局', '北城分局', '高新区分局', '经开区分局', '港区分局', '新区分局', '滨江分局', '江北分局',
  '示例县公安局', '青山县公安局', '临河县公安局', '白水县公安局', '龙泉县公安局', '安平县公安局', '永宁县公安局', '石门县公安局', '桃源县公安局', '凤台县公安局',
];

const STATION_PLACES = [
  '城关', '新区', '城南', '河西', '东关', '西关', '北街', '南街', '朝阳', '人民路', '解放路', '建设路', '花园', '湖滨', '江北', '桥东', '站前', '开元', '文化路', '新华',
  '中山路', '和平', '长青', '金桥', '红旗', '向阳', '振兴', '光明', '胜利', '幸福', '工业园', '滨河', '五里', '十里铺', '马场', '清水', '大王庄', '柳林', '杨柳', '梨园',
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红梅文斌宇浩凯俊峰晨阳海波志刚宏伟德胜立新';

export const BRANCH_COUNT = 20;
export const STATIONS_PER_BRANCH = 10;

export function personName(n: number): string {
  const s = SURNAMES.charAt(n % SURNAMES.length);
  const g1 = GIVEN.charAt(Math.floor(n / SURNAMES.length) % GIVEN.length);
  const g2 = (n >> 3) % 3 === 0 ? '' : GIVEN.charAt(Math.floor(n / 7) % GIVEN.length);
  return `${s}${g1}${g2}`;
}

export function branchCode(b: number): string {
  return `fj${String(b + 1).padStart(2, '0')}`;
}

export function stationCode(b: number, s: number): string {
  return `${branchCode(b)}p${String(s + 1).padStart(2, '0')}`;
}

export function inspectionCode(b: number): string {
  return `${branchCode(b)}dc`;
}

export function scaledUnits(): SeedUnit[] {
  const units: SeedUnit[] = [
    { code: 'sj', name: '示例市公安局', kind: 'city', parent: null, inspection: false },
    { code: 'dcd', name: '示例市公安局督察支队', kind: 'detachment', parent: 'sj', inspection: true },
    { code: 'zzb', name: '示例市公安局政治部', kind: 'department', parent: 'sj', inspection: false },
    { code: 'zad', name: '示例市公安局治安支队', kind: 'detachment', parent: 'sj', inspection: false },
    { code: 'crj', name: '示例市公安局出入境管理支队', kind: 'detachment', parent: 'sj', inspection: false },
    { code: 'jjzd', name: '示例市公安局交通警察支队', kind: 'detachment', parent: 'sj', inspection: false },
  ];
  for (let k = 1; k <= 6; k++) units.push({ code: `jjdd${String(k)}`, name: `交警支队第${'一二三四五六'.charAt(k - 1)}大队`, kind: 'squad', parent: 'jjzd', inspection: false });
  for (let b = 0; b < BRANCH_COUNT; b++) {
    const name = BRANCH_NAMES[b] ?? `第${String(b + 1)}分局`;
    const county = name.endsWith('县公安局');
    const full = county ? name : `示例市公安局${name}`;
    units.push({ code: branchCode(b), name: full, kind: county ? 'county' : 'branch', parent: 'sj', inspection: false });
    units.push({ code: inspectionCode(b), name: `${name}督察大队`, kind: 'squad', parent: branchCode(b), inspection: true });
    for (let s = 0; s < STATIONS_PER_BRANCH; s++) {
      const place = STATION_PLACES[(b * 7 + s * 3) % STATION_PLACES.length] ?? '城关';
      units.push({ code: stationCode(b, s), name: `${name}${place}派出所`, kind: 'station', parent: branchCode(b), inspection: false });
    }
  }
  return units;
}

export function scaledUsers(): SeedUser[] {
  const users: SeedUser[] = [];
  let n = 0;
  const add = (username: string, unit: string, roles: readonly Role[], rank: Rank): void => {
    n++;
    users.push({ username, displayName: personName(n * 37 + 11), unit, roles, policeNumber: String(100000 + n * 13), rank });
  };
  for (let i = 1; i <= 6; i++) add(`intake${String(i).padStart(2, '0')}`, 'dcd', ['intake'], 'inspector');
  for (let i = 1; i <= 3; i++) add(`assigner${String(i).padStart(2, '0')}`, 'dcd', ['assigner'], 'inspector');
  for (let i = 1; i <= 3; i++) add(`duty_leader${String(i).padStart(2, '0')}`, 'sj', ['duty_leader'], 'city_leader');
  add('supervision_head', 'dcd', ['supervision_head'], 'inspector');
  for (let i = 1; i <= 2; i++) add(`bureau_leader${String(i).padStart(2, '0')}`, 'sj', ['bureau_leader'], 'city_leader');
  for (let i = 1; i <= 3; i++) add(`followup${String(i).padStart(2, '0')}`, 'dcd', ['followup'], 'inspector');
  add('archivist', 'dcd', ['archivist'], 'officer');
  add('sysadmin', 'sj', ['sysadmin'], 'officer');
  add('secadmin', 'sj', ['secadmin'], 'officer');
  add('auditor', 'sj', ['auditor'], 'officer');
  add('dcd_liaison', 'dcd', ['liaison'], 'inspector');
  add('dcd_handler01', 'dcd', ['handler'], 'inspector');
  add('dcd_handler02', 'dcd', ['handler'], 'inspector');
  add('dcd_head', 'dcd', ['unit_head'], 'unit_leader');
  for (const d of ['zad', 'crj', 'jjzd', 'jjdd1', 'jjdd2', 'jjdd3', 'jjdd4', 'jjdd5', 'jjdd6']) {
    add(`${d}_liaison`, d, ['liaison', 'handler'], 'officer');
    add(`${d}_handler`, d, ['handler'], 'officer');
    add(`${d}_head`, d, ['unit_head'], 'unit_leader');
  }
  for (let b = 0; b < BRANCH_COUNT; b++) {
    const fj = branchCode(b);
    add(`${fj}_head`, fj, ['unit_head'], 'branch_leader');
    add(`${fj}_liaison`, fj, ['liaison'], 'officer');
    const dc = inspectionCode(b);
    add(`${dc}_liaison`, dc, ['liaison'], 'inspector');
    add(`${dc}_handler01`, dc, ['handler'], 'inspector');
    add(`${dc}_handler02`, dc, ['handler'], 'inspector');
    add(`${dc}_head`, dc, ['unit_head'], 'unit_leader');
    for (let s = 0; s < STATIONS_PER_BRANCH; s++) {
      const p = stationCode(b, s);
      add(`${p}_liaison`, p, ['liaison', 'handler'], 'officer');
      add(`${p}_handler01`, p, ['handler'], 'officer');
      add(`${p}_handler02`, p, ['handler'], 'officer');
      add(`${p}_handler03`, p, ['handler'], 'officer');
      add(`${p}_head`, p, ['unit_head'], 'unit_leader');
    }
  }
  return users;
}

/** Who alone sees sealed cases (DESIGN §3.4). */
export const SEALED_GROUP = ['supervision_head', 'bureau_leader01'];
