// Ant Design's DatePicker formats months and weekdays through dayjs: its locale follows the console's.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Lang } from './i18n.js';

export function setDateLocale(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}
