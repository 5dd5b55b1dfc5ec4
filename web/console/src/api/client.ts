// The one way the console talks to the staff API: same-origin cookies, the CSRF echo on writes,
// the user's language, and every failure as an ApiError carrying the API's own problem+json.
import type { Lang } from '../../../../src/domain/i18n-text.js';
import { ApiError, isProblem } from '../../../shared/api-problem.js';

export { ApiError, type FieldProblem } from '../../../shared/api-problem.js';

let language: Lang = 'zh';
let onUnauthenticated: () => void = () => undefined;

export function setApiLanguage(lang: Lang): void {
  language = lang;
}

/** Called when any request finds the session gone (expired, revoked), so the app can ask for sign-in. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'csrf_token' || name === '__Host-csrf_token') return decodeURIComponent(rest.join('='));
  }
  return null;
}

const NETWORK_FAILURE = { zh: ['网络连接失败', '无法连接服务器，请检查网络后重试。'], en: ['Network error', 'The server could not be reached; check the connection and try again.'] } as const;

/** The API's refusal from a parsed body; status 0 is a network failure. Also for XMLHttpRequest uploads. */
export function problemFromBody(status: number, body: unknown): ApiError {
  if (isProblem(body)) {
    const err = new ApiError(status, body.code, body.title, body.detail ?? '', body.errors ?? []);
    if (status === 401 && err.code === 'unauthenticated') onUnauthenticated();
    return err;
  }
  // Not our API's answer (a proxy's page): say so plainly, never show its body.
  const [title, detail] = NETWORK_FAILURE[language];
  return new ApiError(status, status === 0 ? 'network' : 'unexpected', title, detail, []);
}

async function problemOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  return problemFromBody(res.status, body);
}

export const languageHeader = (): string => (language === 'en' ? 'en' : 'zh-CN');

/** The CSRF echo every staff write carries (empty before sign-in). */
export function csrfHeader(): Record<string, string> {
  const token = csrfToken();
  return token === null ? {} : { 'x-csrf-token': token };
}

export interface Sent<T> {
  readonly body: T;
  readonly etag: string | null;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request; resolves with the parsed body (null for 204) or throws an ApiError. */
export async function request<T>(method: Method, path: string, body?: unknown, headers: Readonly<Record<string, string>> = {}): Promise<Sent<T>> {
  const h: Record<string, string> = { accept: 'application/json', 'accept-language': languageHeader(), ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken();
    if (token !== null) h['x-csrf-token'] = token;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers: h, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    const [title, detail] = NETWORK_FAILURE[language];
    throw new ApiError(0, 'network', title, detail, []);
  }
  if (!res.ok) throw await problemOf(res);
  const parsed = res.status === 204 ? null : ((await res.json()) as T);
  return { body: parsed as T, etag: res.headers.get('etag') };
}

export async function get<T>(path: string): Promise<T> {
  return (await request<T>('GET', path)).body;
}

/**
 * Marks a request the user did not make (a poll): the server does not count it as activity, so a screen
 * left open still reaches the 30-minute idle timeout (DESIGN §7.3).
 */
export const BACKGROUND: Readonly<Record<string, string>> = { 'x-zhitong-background': '1' };
