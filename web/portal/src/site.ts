// The bureau's identity on every page: name, contacts and the government-site footer fields, set by the
// sysadmin and read from GET /api/v1/public/site. Until it answers (or when it cannot), the page shows
// the neutral words below, never a real bureau's identity.
import { createContext, useContext, useEffect, useState } from 'react';
import { getJson } from './api.js';
import type { Bilingual } from './i18n.js';

export interface Site {
  readonly bureauName: Bilingual;
  readonly platformName: Bilingual;
  readonly centreName: Bilingual;
  readonly hotline: string;
  readonly hotlineHours: Bilingual;
  readonly email: string;
  readonly letterAddress: Bilingual;
  readonly postcode: string;
  readonly wechatAccount: Bilingual;
  readonly visitAddress: Bilingual;
  readonly sponsor: Bilingual;
  readonly organiser: Bilingual;
  readonly siteIdentifier: string;
  readonly icpNumber: string;
  readonly psbNumber: string;
}

const EMPTY: Bilingual = { zh: '', en: '' };

export const FALLBACK_SITE: Site = {
  bureauName: { zh: '公安局', en: 'Public Security Bureau' },
  platformName: { zh: '12389公安服务平台', en: '12389 Police Service Platform' },
  centreName: { zh: '12389群众监督中心', en: '12389 Public Supervision Centre' },
  hotline: '12389',
  hotlineHours: EMPTY,
  email: '',
  letterAddress: EMPTY,
  postcode: '',
  wechatAccount: EMPTY,
  visitAddress: EMPTY,
  sponsor: EMPTY,
  organiser: EMPTY,
  siteIdentifier: '',
  icpNumber: '',
  psbNumber: '',
};

const bilingual = (v: unknown, fallback: Bilingual): Bilingual => {
  if (typeof v === 'string') return { zh: v, en: v };
  if (typeof v === 'object' && v !== null && typeof (v as Bilingual).zh === 'string') {
    const b = v as Bilingual;
    return { zh: b.zh, en: typeof b.en === 'string' && b.en !== '' ? b.en : b.zh };
  }
  return fallback;
};
const plain = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

/** Reads the API's answer field by field, so a missing field shows the fallback rather than nothing. */
export function siteFrom(raw: unknown): Site {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const f = FALLBACK_SITE;
  return {
    bureauName: bilingual(r.bureauName, f.bureauName),
    platformName: bilingual(r.platformName, f.platformName),
    centreName: bilingual(r.centreName, f.centreName),
    hotline: plain(r.hotline, f.hotline),
    hotlineHours: bilingual(r.hotlineHours, f.hotlineHours),
    email: plain(r.email, f.email),
    letterAddress: bilingual(r.letterAddress, f.letterAddress),
    postcode: plain(r.postcode, f.postcode),
    wechatAccount: bilingual(r.wechatAccount, f.wechatAccount),
    visitAddress: bilingual(r.visitAddress, f.visitAddress),
    sponsor: bilingual(r.sponsor, f.sponsor),
    organiser: bilingual(r.organiser, f.organiser),
    siteIdentifier: plain(r.siteIdentifier, f.siteIdentifier),
    icpNumber: plain(r.icpNumber, f.icpNumber),
    psbNumber: plain(r.psbNumber, f.psbNumber),
  };
}

export const SiteContext = createContext<Site>(FALLBACK_SITE);
export const useSite = (): Site => useContext(SiteContext);

export function useLoadedSite(): Site {
  const [site, setSite] = useState<Site>(FALLBACK_SITE);
  useEffect(() => {
    getJson<unknown>('/api/v1/public/site').then((raw) => setSite(siteFrom(raw)), () => undefined);
  }, []);
  return site;
}
