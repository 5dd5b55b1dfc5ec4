/** Text in both UI languages; zh-CN is the default everywhere. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export type Lang = 'zh' | 'en';

export function pick(text: Bilingual, lang: Lang): string {
  return lang === 'en' ? text.en : text.zh;
}
