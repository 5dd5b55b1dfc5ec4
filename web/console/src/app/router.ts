// A router of a handful of screens is a path parser: no library, deep links served by the server's /console/*.
import { useSyncExternalStore } from 'react';
import { isAdminSection, type AdminSection } from '../admin/admin-sections.js';

export const BASE = '/console';

export type Route =
  | { readonly name: 'workbench'; readonly queue: string | null }
  | { readonly name: 'case'; readonly caseNumber: string }
  | { readonly name: 'print'; readonly caseNumber: string; readonly kind: string }
  | { readonly name: 'stats' }
  | { readonly name: 'cases'; readonly filter: Readonly<Record<string, string>> }
  | { readonly name: 'inbox'; readonly itemId: string | null }
  /** `call`: the call whose record the screen pop handed over (the form restarts for each call). */
  | { readonly name: 'register'; readonly call: string | null }
  | { readonly name: 'audit'; readonly caseNumber: string | null }
  | { readonly name: 'admin'; readonly section: AdminSection }
  | { readonly name: 'not_found' };

const CASE_PATH = /^\/cases\/([A-Za-z0-9-]{1,40})\/?$/u;
const PRINT_PATH = /^\/cases\/([A-Za-z0-9-]{1,40})\/print\/([a-z_]{1,40})\/?$/u;
/** Filters of the list API a drill-down may carry (src/http/routes/staff/cases-list.routes.ts). */
const LIST_FILTERS = ['state', 'type', 'scope', 'problemType', 'policeBranch', 'channel', 'unit', 'light', 'registeredFrom', 'registeredTo'] as const;

const ADMIN_PATH = /^\/admin\/([a-z-]{1,40})\/?$/u;
const INBOX_PATH = /^\/intake(?:\/([0-9a-f-]{36}))?\/?$/u;

export function parseRoute(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  if (rest === '' || rest === '/') return { name: 'workbench', queue: new URLSearchParams(search).get('queue') };
  const m = CASE_PATH.exec(rest);
  if (m?.[1] !== undefined) return { name: 'case', caseNumber: m[1] };
  const p = PRINT_PATH.exec(rest);
  if (p?.[1] !== undefined && p[2] !== undefined) return { name: 'print', caseNumber: p[1], kind: p[2] };
  if (rest === '/stats' || rest === '/stats/') return { name: 'stats' };
  if (rest === '/cases' || rest === '/cases/') {
    const q = new URLSearchParams(search);
    return { name: 'cases', filter: Object.fromEntries(LIST_FILTERS.flatMap((k) => (q.get(k) === null ? [] : [[k, q.get(k) ?? '']]))) };
  }
  const inbox = INBOX_PATH.exec(rest);
  if (inbox !== null) return { name: 'inbox', itemId: inbox[1] ?? null };
  if (rest === '/register' || rest === '/register/') return { name: 'register', call: new URLSearchParams(search).get('call') };
  if (rest === '/audit' || rest === '/audit/') return { name: 'audit', caseNumber: new URLSearchParams(search).get('case') };
  const admin = ADMIN_PATH.exec(rest)?.[1];
  if (admin !== undefined && isAdminSection(admin)) return { name: 'admin', section: admin };
  return { name: 'not_found' };
}

export function workbenchPath(queue?: string): string {
  return queue === undefined ? `${BASE}/` : `${BASE}/?queue=${encodeURIComponent(queue)}`;
}

export function casePath(caseNumber: string): string {
  return `${BASE}/cases/${encodeURIComponent(caseNumber)}`;
}

export function printPath(caseNumber: string, kind: string): string {
  return `${casePath(caseNumber)}/print/${encodeURIComponent(kind)}`;
}

export function statsPath(): string {
  return `${BASE}/stats`;
}

/** The 工作台's list of every case matching a drill-down's filter. */
export function filteredListPath(filter: Readonly<Record<string, string>>): string {
  const q = new URLSearchParams(filter).toString();
  return `${BASE}/cases${q === '' ? '' : `?${q}`}`;
}

export function inboxPath(itemId?: string): string {
  return itemId === undefined ? `${BASE}/intake` : `${BASE}/intake/${encodeURIComponent(itemId)}`;
}

export const registerPath = (callId?: string): string => (callId === undefined ? `${BASE}/register` : `${BASE}/register?call=${encodeURIComponent(callId)}`);

export function auditPath(caseNumber?: string): string {
  return caseNumber === undefined ? `${BASE}/audit` : `${BASE}/audit?case=${encodeURIComponent(caseNumber)}`;
}

export const adminPath = (section: AdminSection): string => `${BASE}/admin/${section}`;

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === snapshot()) return;
  if (options.replace === true) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  useSyncExternalStore(subscribe, snapshot);
  return parseRoute(window.location.pathname, window.location.search);
}
