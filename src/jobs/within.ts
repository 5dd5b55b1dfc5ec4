// Bounded waits for work that cannot be cancelled: the caller moves on, the work goes on unobserved.
import { setTimeout as sleep } from 'node:timers/promises';

export class HandlerTimeout extends Error {
  override readonly name = 'HandlerTimeout';
}

/** Rejects with HandlerTimeout when `work` has not settled within `ms`. */
export async function withinMs(work: Promise<void>, ms: number): Promise<void> {
  const timer = new AbortController();
  const timeout = sleep(ms, undefined, { signal: timer.signal }).then(() => {
    throw new HandlerTimeout();
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    timer.abort();
    await timeout.catch(() => undefined);
  }
}

/** Waits until every promise has settled or `ms` have passed; true when all settled. */
export async function settleWithin(promises: readonly Promise<unknown>[], ms: number): Promise<boolean> {
  const timer = new AbortController();
  const all = Promise.allSettled(promises).then(() => true);
  const late = sleep(Math.max(0, ms), false, { signal: timer.signal }).catch(() => false);
  try {
    return await Promise.race([all, late]);
  } finally {
    timer.abort();
  }
}
