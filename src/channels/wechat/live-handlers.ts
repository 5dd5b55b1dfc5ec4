// The WeChat senders following the settings in force (issue 8): each outbox row goes through an API
// client for the account configured now, rebuilt when the AppID, AppSecret or API base change (its access
// token belongs to the old account). Without an AppSecret the row waits untried, as before.
import type { WechatConfig } from '../../config-wechat.js';
import { DeliveryDeferred, type OutboxHandler } from '../../jobs/outbox-relay.js';
import type { LiveChannelSettings } from '../settings/live.js';
import { WechatApi } from './api.js';
import { wechatAcknowledgementHandler, wechatMyCasesHandler, wechatNoticeHandler } from './customer-service.js';
import { wechatMediaHandler } from './media.js';

interface Handlers {
  readonly media: OutboxHandler;
  readonly myCases: OutboxHandler;
  readonly acknowledgement: OutboxHandler;
  readonly notice: OutboxHandler;
}

function handlersFor(w: WechatConfig & { readonly appSecret: string }): Handlers {
  const api = new WechatApi(w.apiBase, w.appId, w.appSecret);
  const outreach = { api, appId: w.appId, templateId: w.subscribeTemplateId ?? null };
  return {
    media: wechatMediaHandler(api, w.appId),
    myCases: wechatMyCasesHandler(api, w.appId),
    acknowledgement: wechatAcknowledgementHandler(outreach),
    notice: wechatNoticeHandler(outreach),
  };
}

export function liveWechatHandlers(live: LiveChannelSettings): Handlers {
  let built: { key: string; handlers: Handlers } | null = null;
  const current = (): Handlers => {
    const w = live.wechat;
    const secret = w?.appSecret ?? null;
    if (w === null || secret === null) throw new DeliveryDeferred('no WeChat AppSecret');
    const key = JSON.stringify([w.apiBase.href, w.appId, secret, w.subscribeTemplateId ?? null]);
    if (built?.key !== key) built = { key, handlers: handlersFor({ ...w, appSecret: secret }) };
    return built.handlers;
  };
  return {
    media: (m, ctx) => current().media(m, ctx),
    myCases: (m, ctx) => current().myCases(m, ctx),
    acknowledgement: (m, ctx) => current().acknowledgement(m, ctx),
    notice: (m, ctx) => current().notice(m, ctx),
  };
}
