// A path router of a few lines: the portal has eight pages and no nested routes, and a library would
// cost more bytes than the pages it routes. The query code never goes into a path or a query string.
import { useEffect, useState } from 'react';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'report'; readonly type: ReportType }
  | { readonly page: 'receipt' }
  | { readonly page: 'track' }
  | { readonly page: 'notice' }
  | { readonly page: 'contact' }
  | { readonly page: 'stats' }
  | { readonly page: 'not_found' };

export const REPORT_TYPES = ['accusation', 'complaint', 'suggestion', 'praise', 'consultation'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

const isReportType = (s: string): s is ReportType => (REPORT_TYPES as readonly string[]).includes(s);

export function parsePath(pathname: string): Route {
  const p = pathname.replace(/\/+$/u, '') || '/';
  if (p === '/') return { page: 'home' };
  const report = /^\/report\/([a-z]+)$/u.exec(p);
  if (report?.[1] !== undefined) return isReportType(report[1]) ? { page: 'report', type: report[1] } : { page: 'not_found' };
  switch (p) {
    case '/receipt':
      return { page: 'receipt' };
    case '/track':
      return { page: 'track' };
    case '/notice':
      return { page: 'notice' };
    case '/contact':
      return { page: 'contact' };
    case '/stats':
      return { page: 'stats' };
    default:
      return { page: 'not_found' };
  }
}

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, '', path);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parsePath(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parsePath(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
