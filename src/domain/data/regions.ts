// The districts and townships of the fictional 示例市 the demo bureau serves, for the portal's "where did it
// happen" picker (issue 5). A real bureau replaces this list with its own 区县 and 乡镇街道; the choice is
// only a hint in the report's location text, so an out-of-date list costs precision, never a report.
import type { Bilingual } from '../i18n-text.js';

export interface Region {
  readonly name: Bilingual;
  readonly townships: readonly Bilingual[];
}

export const REGIONS: readonly Region[] = [
  {
    name: { zh: '东城区', en: 'Dongcheng District' },
    townships: [
      { zh: '城关街道', en: 'Chengguan Subdistrict' },
      { zh: '新区街道', en: 'Xinqu Subdistrict' },
      { zh: '东湖街道', en: 'Donghu Subdistrict' },
      { zh: '东山镇', en: 'Dongshan Town' },
    ],
  },
  {
    name: { zh: '西城区', en: 'Xicheng District' },
    townships: [
      { zh: '西关街道', en: 'Xiguan Subdistrict' },
      { zh: '文化街道', en: 'Wenhua Subdistrict' },
      { zh: '西岭镇', en: 'Xiling Town' },
    ],
  },
  {
    name: { zh: '示例县', en: 'Shili County' },
    townships: [
      { zh: '城南镇', en: 'Chengnan Town' },
      { zh: '河西镇', en: 'Hexi Town' },
      { zh: '北岗乡', en: 'Beigang Township' },
    ],
  },
];
