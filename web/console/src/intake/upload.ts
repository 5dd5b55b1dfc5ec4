// Multipart registration with upload progress: fetch cannot report it, XMLHttpRequest can. The same
// CSRF echo, language and problem+json handling as every other call (api/client.ts).
import { ApiError, csrfHeader, languageHeader, problemFromBody } from '../api/client.js';

export interface Upload {
  readonly path: string;
  /** The JSON part, sent as the `report` field. */
  readonly report: unknown;
  readonly files: readonly File[];
  readonly idempotencyKey: string;
  readonly onProgress: (percent: number) => void;
}

export function postMultipart<T>(u: Upload): Promise<T> {
  const data = new FormData();
  data.append('report', JSON.stringify(u.report));
  for (const file of u.files) data.append('files', file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', u.path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('accept-language', languageHeader());
    xhr.setRequestHeader('idempotency-key', u.idempotencyKey);
    for (const [k, v] of Object.entries(csrfHeader())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) u.onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(problemFromBody(0, null));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(problemFromBody(xhr.status, body));
    };
    xhr.send(data);
  });
}

export { ApiError };
