// Tree tables open fully by default: Ant Design's defaultExpandAllRows reads the rows once, at mount,
// before the query has answered, so the keys are held here and a row stays closed only once closed by hand.
import { useState } from 'react';

export interface ExpandAll<R> {
  readonly expandedRowKeys: string[];
  readonly onExpand: (open: boolean, row: R) => void;
}

export function useExpandAll<R>(keys: readonly string[], keyOf: (row: R) => string): ExpandAll<R> {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  return {
    expandedRowKeys: keys.filter((k) => !closed.has(k)),
    onExpand: (open, row) => {
      const next = new Set(closed);
      if (open) next.delete(keyOf(row));
      else next.add(keyOf(row));
      setClosed(next);
    },
  };
}
