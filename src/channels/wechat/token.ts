// One access token for every node (channels.md §1.4): kept encrypted in the database, refreshed by
// whichever node first finds it near expiry, under a transaction lock so only that node asks WeChat.
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import { WechatApiError, type WechatApi } from './api.js';

/** Refreshed this long before WeChat's expiry, so a call in flight never carries a dying token. */
const MARGIN_MS = 5 * 60_000;
const LOCK = 0x77656368; // 'wech'

function ref(appId: string) {
  return { table: 'wechat_access_tokens', column: 'token_enc', rowId: appId };
}

async function stored(deps: Deps, appId: string, now: Date): Promise<string | null> {
  const row = (await deps.pool.query<{ token_enc: Buffer; expires_at: Date }>('SELECT token_enc, expires_at FROM wechat_access_tokens WHERE app_id = $1', [appId])).rows[0];
  if (row === undefined || row.expires_at.getTime() - MARGIN_MS <= now.getTime()) return null;
  return deps.cipher.decryptText(ref(appId), row.token_enc);
}

async function refresh(deps: Deps, api: WechatApi, appId: string, rejected: string | null): Promise<string> {
  return inTransaction(deps.pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LOCK]);
    const now = deps.clock.now();
    // Another node may have refreshed while this one waited for the lock.
    const current = await stored(deps, appId, now);
    if (current !== null && current !== rejected) return current;
    const fresh = await api.fetchAccessToken(now);
    await tx.query(
      `INSERT INTO wechat_access_tokens (app_id, token_enc, expires_at, refreshed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (app_id) DO UPDATE SET token_enc = EXCLUDED.token_enc, expires_at = EXCLUDED.expires_at, refreshed_at = EXCLUDED.refreshed_at`,
      [appId, deps.cipher.encrypt(ref(appId), fresh.token), fresh.expiresAt, now],
    );
    return fresh.token;
  });
}

/** Runs `call` with a valid token; a token WeChat refuses is replaced once and the call repeated. */
export async function withAccessToken<T>(deps: Deps, api: WechatApi, appId: string, call: (token: string) => Promise<T>): Promise<T> {
  const token = (await stored(deps, appId, deps.clock.now())) ?? (await refresh(deps, api, appId, null));
  try {
    return await call(token);
  } catch (err) {
    if (!(err instanceof WechatApiError) || !err.tokenRejected) throw err;
    return call(await refresh(deps, api, appId, token));
  }
}
