// The console's cursor-paged lists (DESIGN §10: `?limit=&cursor=` → `{items, nextCursor}`): one query
// shape for the admin lists that differ only by path and filters, and one 加载更多 under every list, so the
// button, its wording and its test id are the same wherever a list has more.
import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { get, type ApiError } from '../api/client.js';
import { useI18n } from '../app/i18n.js';

export interface CursorPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** What 加载更多 needs of an infinite query; any useInfiniteQuery result has it. */
export interface MorePages {
  readonly hasNextPage: boolean;
  readonly isFetchingNextPage: boolean;
  readonly fetchNextPage: () => Promise<unknown>;
}

export function LoadMore(props: { readonly list: MorePages }): ReactNode {
  const { t } = useI18n();
  if (!props.list.hasNextPage) return null;
  return (
    <div className="zt-load-more">
      <Button data-testid="load-more" onClick={() => void props.list.fetchNextPage()} loading={props.list.isFetchingNextPage}>
        {t('loadMore')}
      </Button>
    </div>
  );
}

/** `path?limit=…&<filters>&cursor=…`; empty filters are left out rather than sent as blanks. */
export function cursorPath(path: string, limit: number, filters: Readonly<Record<string, string | undefined>>, cursor: unknown): string {
  const p = new URLSearchParams({ limit: String(limit) });
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') p.set(k, v);
  if (typeof cursor === 'string') p.set('cursor', cursor);
  return `${path}?${p.toString()}`;
}

/** A list read page by page from `path` with `filters` in the query key, and its rows so far. */
export function useCursorList<T>(key: QueryKey, path: string, limit: number, filters: Readonly<Record<string, string | undefined>> = {}) {
  const list = useInfiniteQuery<CursorPage<T>, ApiError>({
    queryKey: [...key, filters],
    queryFn: ({ pageParam }) => get<CursorPage<T>>(cursorPath(path, limit, filters, pageParam)),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows: readonly T[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { list, rows };
}
