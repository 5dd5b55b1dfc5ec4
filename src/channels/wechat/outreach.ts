// How a message about a case reaches a WeChat user (issue 8, channels.md §1.6): a customer-service text
// within 48 hours of the user's own last message; after that, one subscription message for each one-time
// subscription the user accepted (consumed by the send); else nothing but the portal, which the caller
// records as skipped so the centre sees it on the case.
import type pg from 'pg';
import type { Deps } from '../../commands/deps.js';
import { inTransaction } from '../../commands/deps.js';
import { uuidv7 } from '../../commands/ids.js';
import { CUSTOMER_SERVICE_CLOSED, SUBSCRIPTION_REFUSED, WechatApiError, type WechatApi } from './api.js';
import { withAccessToken } from './token.js';

/** WeChat allows customer-service texts this long after the user's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 48 * 3600_000;

/** The subscription template's keywords (docs/wechat.md): the case number and a status of at most 20 characters. */
export const SUBSCRIPTION_KEYWORDS = { caseNumber: 'character_string1', status: 'thing2' } as const;
const THING_MAX = 20;

export type DeliveryTemplate = 'reporter.acknowledgement' | 'reporter.query_code' | 'reporter.notice';
export type Reached = 'customer_service' | 'subscription' | 'no_channel';

export interface Outreach {
  readonly caseId: string;
  readonly template: DeliveryTemplate;
  readonly openId: string;
  /** the customer-service text */
  readonly text: string;
  /** the subscription message's status line */
  readonly status: string;
  readonly caseNumber: string;
}

export interface OutreachChannel {
  readonly api: WechatApi;
  readonly appId: string;
  /** the one-time subscription template; null: none configured */
  readonly templateId: string | null;
}

export async function recordDelivery(db: pg.ClientBase | pg.Pool, deps: Deps, o: Pick<Outreach, 'caseId' | 'template'>, status: 'sent' | 'skipped', code: Reached): Promise<void> {
  const now = deps.clock.now();
  await db.query('INSERT INTO wechat_deliveries (id, case_id, template, status, code, at) VALUES ($1, $2, $3, $4, $5, $6)', [uuidv7(now.getTime()), o.caseId, o.template, status, code, now]);
}

async function windowOpen(deps: Deps, openidBidx: Buffer): Promise<boolean> {
  const r = await deps.pool.query<{ last: Date | null }>("SELECT max(received_at) AS last FROM wechat_messages WHERE openid_bidx = $1 AND msg_type <> 'event'", [openidBidx]);
  const last = r.rows[0]?.last ?? null;
  return last !== null && deps.clock.now().getTime() - last.getTime() < CUSTOMER_SERVICE_WINDOW_MS;
}

async function bySubscription(deps: Deps, ch: OutreachChannel & { templateId: string }, openidBidx: Buffer, o: Outreach): Promise<boolean> {
  return inTransaction(deps.pool, async (tx) => {
    // One consent, one message: taken under its row lock, given back only if the send fails to be tried again.
    const consent = await tx.query(
      `DELETE FROM wechat_subscriptions WHERE id = (SELECT id FROM wechat_subscriptions WHERE openid_bidx = $1 AND template_id = $2
        ORDER BY granted_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id`,
      [openidBidx, ch.templateId],
    );
    if (consent.rowCount === 0) return false;
    const data = { [SUBSCRIPTION_KEYWORDS.caseNumber]: o.caseNumber, [SUBSCRIPTION_KEYWORDS.status]: o.status.slice(0, THING_MAX) };
    try {
      await withAccessToken(deps, ch.api, ch.appId, (token) => ch.api.sendSubscription(token, o.openId, ch.templateId, data));
    } catch (err) {
      // WeChat knows of no consent (withdrawn in the client): this one is spent, nothing was sent.
      if (err instanceof WechatApiError && err.errcode === SUBSCRIPTION_REFUSED) return false;
      throw err;
    }
    await recordDelivery(tx, deps, o, 'sent', 'subscription');
    return true;
  });
}

/** Sends by the first way open to this user; 'no_channel' when none is (nothing sent, nothing recorded). */
export async function reachUser(deps: Deps, ch: OutreachChannel, o: Outreach): Promise<Reached> {
  const openidBidx = deps.blind.index('openid', o.openId);
  if (await windowOpen(deps, openidBidx)) {
    try {
      await withAccessToken(deps, ch.api, ch.appId, (token) => ch.api.sendText(token, o.openId, o.text));
      await recordDelivery(deps.pool, deps, o, 'sent', 'customer_service');
      return 'customer_service';
    } catch (err) {
      // Closed after all (the quota spent, or unfollowed): a subscription may still carry it.
      if (!(err instanceof WechatApiError && CUSTOMER_SERVICE_CLOSED.has(err.errcode))) throw err;
    }
  }
  if (ch.templateId !== null && (await bySubscription(deps, { ...ch, templateId: ch.templateId }, openidBidx, o))) return 'subscription';
  return 'no_channel';
}
