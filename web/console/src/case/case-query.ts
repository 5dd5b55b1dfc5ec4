// The case detail with its ETag: actions are sent with If-Match from the very answer the user saw.
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { request, type ApiError } from '../api/client.js';
import type { CaseDetail } from '../api/types.js';

export interface LoadedCase {
  readonly detail: CaseDetail;
  /** `"7"` as the API sent it, or the version quoted when a proxy dropped the header. */
  readonly etag: string;
}

export const caseKey = (caseNumber: string): readonly string[] => ['case', caseNumber];

export async function loadCase(caseNumber: string): Promise<LoadedCase> {
  const res = await request<CaseDetail>('GET', `/api/v1/cases/${encodeURIComponent(caseNumber)}`);
  return { detail: res.body, etag: res.etag ?? `"${String(res.body.version)}"` };
}

export function useCase(caseNumber: string): UseQueryResult<LoadedCase, ApiError> {
  // 404 is an answer, not a hiccup: never retried; nor is anything else the API refused.
  // An empty number asks nothing (the batch dialog reads a case only for the assign batch).
  return useQuery<LoadedCase, ApiError>({ queryKey: caseKey(caseNumber), queryFn: () => loadCase(caseNumber), retry: false, enabled: caseNumber !== '' });
}
