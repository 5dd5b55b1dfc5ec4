// The one way the portal talks to the public API: the user's language, problem+json as an ApiError,
// uploads with progress through XMLHttpRequest (fetch has no upload progress in these browsers).
import { ApiError, isProblem } from '../../shared/api-problem.js';
import type { Lang } from './i18n.js';

export { ApiError } from '../../shared/api-problem.js';

let language: Lang = 'zh';
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

const NETWORK = {
  zh: ['网络连接失败', '暂时无法连接服务器，请检查网络后重试。您填写的内容仍保留在本页。'],
  en: ['Network error', 'The server could not be reached. Check your connection and try again; what you typed is still here.'],
} as const;

export function problemFrom(status: number, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError(status, body.code, body.title, body.detail ?? '', body.errors ?? []);
  // A proxy's page or no answer at all: never show its body.
  const [title, detail] = NETWORK[language];
  return new ApiError(status, 'network', title, detail, []);
}

const langHeader = (): string => (language === 'en' ? 'en' : 'zh-CN');

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { accept: 'application/json', 'accept-language': langHeader(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw problemFrom(0, null);
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw problemFrom(res.status, parsed);
  return parsed as T;
}

export const getJson = <T>(path: string): Promise<T> => send<T>('GET', path);
export const postJson = <T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> => send<T>('POST', path, body, headers);

/** A multipart POST; `onProgress` gets the fraction of the body sent so far. */
export function upload<T>(path: string, form: FormData, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', langHeader());
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(problemFrom(0, null));
    xhr.ontimeout = () => reject(problemFrom(0, null));
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(problemFrom(xhr.status, parsed));
    };
    xhr.send(form);
  });
}

/** A fresh UUID for an Idempotency-Key; `crypto.randomUUID` is missing on plain-HTTP pages and old Safari. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
