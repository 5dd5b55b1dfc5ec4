// The portal speaks Chinese by default and English on request; the choice is a preference, not identity,
// so it may live in localStorage.
import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

const LANG_KEY = 'zt-portal-lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode in some WeChat builds refuses storage: the choice lasts for this page only.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export const LangContext = createContext<Lang>('zh');

/** `t(zh, en)` picks the user's language; `t(bilingual)` does the same for API and data texts. */
export function useT(): (zhOrText: string | Bilingual, en?: string) => string {
  const lang = useContext(LangContext);
  return (zhOrText, en) => (typeof zhOrText === 'string' ? (lang === 'en' && en !== undefined ? en : zhOrText) : zhOrText[lang]);
}

export function useLang(): Lang {
  return useContext(LangContext);
}

/** Dates as the bureau writes them: 2026年3月6日 14:05 (Asia/Shanghai), or 6 Mar 2026 in English. */
export function formatDate(iso: string, lang: Lang, withTime = false): string {
  const d = /^\d{4}-\d{2}-\d{2}$/u.test(iso) ? new Date(`${iso}T12:00:00+08:00`) : new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}) };
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', opts).format(d);
}

/** Lengths as the API counts them: code points, so an emoji or a rare character counts once. */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
