// The police services the public may name as a hint (DESIGN §2 policeBranch). A closed list, so
// the hint can be stored and counted in clear: free text here would be case content.
import type { TaxonomyEntry } from './taxonomy.js';

export const POLICE_BRANCHES = [
  { code: 'household', name: { zh: '户政', en: 'Household registration' }, description: { zh: '户口、身份证、居住证等业务。', en: 'Household registration, ID cards and residence permits.' } },
  { code: 'exit_entry', name: { zh: '出入境', en: 'Exit and entry' }, description: { zh: '护照、港澳台通行证、签证等业务。', en: 'Passports, travel permits and visas.' } },
  { code: 'traffic', name: { zh: '交管', en: 'Traffic' }, description: { zh: '交通管理、驾驶证、车辆管理、交通违法处理。', en: 'Traffic management, driving licences, vehicles and traffic offences.' } },
  { code: 'public_order', name: { zh: '治安', en: 'Public order' }, description: { zh: '治安管理、特种行业、娱乐场所、噪声扰民等。', en: 'Public order, licensed trades, entertainment venues, noise.' } },
  { code: 'case_handling', name: { zh: '案件办理', en: 'Case handling' }, description: { zh: '报案受理、立案、侦查、案件进展。', en: 'Reports of crime, case filing, investigation and progress.' } },
  { code: 'emergency_110', name: { zh: '110接处警', en: '110 emergency response' }, description: { zh: '110报警求助的接警、出警和处置。', en: 'Answering and responding to 110 calls.' } },
  { code: 'detention', name: { zh: '监管', en: 'Detention' }, description: { zh: '看守所、拘留所等监管场所。', en: 'Detention centres and custody.' } },
  { code: 'cyber', name: { zh: '网安', en: 'Cyber security' }, description: { zh: '网络安全、网络诈骗、网站备案等。', en: 'Cyber security, online fraud, website filing.' } },
  { code: 'other', name: { zh: '其他', en: 'Other' }, description: { zh: '其他警种或不确定。', en: 'Another service, or not sure.' } },
] as const satisfies readonly TaxonomyEntry<string>[];

export type PoliceBranch = (typeof POLICE_BRANCHES)[number]['code'];
export const POLICE_BRANCH_CODES = POLICE_BRANCHES.map((b) => b.code) as [PoliceBranch, ...PoliceBranch[]];
