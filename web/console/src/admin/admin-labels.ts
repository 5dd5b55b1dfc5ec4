// Labels of the configuration codes the admin screens show, beside the domain's own (roles, ranks, routes, festivals).
import type { UnitKind } from '../../../../src/domain/units.js';
import type { Weekday } from '../../../../src/domain/working-hours.js';
import type { Bilingual } from '../api/types.js';

export const UNIT_KIND_LABELS = {
  city: { zh: '市局', en: 'City bureau' },
  branch: { zh: '分局', en: 'Branch bureau' },
  county: { zh: '县局', en: 'County bureau' },
  detachment: { zh: '支队', en: 'Detachment' },
  squad: { zh: '大队/中队', en: 'Squad' },
  station: { zh: '派出所', en: 'Police station' },
  department: { zh: '内设部门', en: 'Department' },
} as const satisfies Record<UnitKind, Bilingual>;

export const WEEKDAY_LABELS = {
  mon: { zh: '星期一', en: 'Monday' },
  tue: { zh: '星期二', en: 'Tuesday' },
  wed: { zh: '星期三', en: 'Wednesday' },
  thu: { zh: '星期四', en: 'Thursday' },
  fri: { zh: '星期五', en: 'Friday' },
  sat: { zh: '星期六', en: 'Saturday' },
  sun: { zh: '星期日', en: 'Sunday' },
} as const satisfies Record<Weekday, Bilingual>;

export const SOURCE_LABELS: Readonly<Record<string, Bilingual>> = {
  table: { zh: '本局设置', en: 'Set by the bureau' },
  defaults: { zh: '系统默认', en: 'Default' },
  default: { zh: '系统默认', en: 'Default' },
  file: { zh: '系统预置（已审核）', en: 'Reviewed file' },
  rule: { zh: '按规则推算', en: 'Computed by rule' },
};

export const sourceLabel = (code: string): Bilingual => SOURCE_LABELS[code] ?? { zh: code, en: code };
