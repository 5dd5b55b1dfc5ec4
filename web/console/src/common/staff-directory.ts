// The staff directory (issue 4): suggestions of users by police number prefix or name, for the centre's
// subject fields. The query waits for a pause in typing so each keystroke does not ask the server.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get, type ApiError } from '../api/client.js';

export interface DirectoryEntry {
  readonly userId: string;
  readonly displayName: string;
  readonly policeNumber: string | null;
  readonly unit: { readonly id: string; readonly name: string };
}

/** The API's bounds on q: shorter would list the bureau, longer matches nobody. */
const MIN = 2;
const MAX = 20;
const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Suggestions for what the user is typing; none until two characters, and none on a refusal. */
export function useStaffDirectory(text: string): { readonly entries: readonly DirectoryEntry[]; readonly loading: boolean } {
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const enabled = q.length >= MIN && q.length <= MAX;
  const res = useQuery<{ items: DirectoryEntry[] }, ApiError>({
    queryKey: ['staff-directory', q],
    queryFn: () => get<{ items: DirectoryEntry[] }>(`/api/v1/staff-directory?q=${encodeURIComponent(q)}`),
    enabled,
    staleTime: 60_000,
    // A 403 (a unit role) or 422 will not change on retry; the field stays free text.
    retry: false,
  });
  return { entries: enabled ? (res.data?.items ?? []) : [], loading: enabled && res.isFetching };
}

/** 姓名（警号）单位, as the pickers show a user. */
export function entryLabel(e: DirectoryEntry): string {
  return `${e.displayName}${e.policeNumber === null ? '' : `（${e.policeNumber}）`}${e.unit.name}`;
}
