// Plays the WeChat server in tests with @wecom/crypto only (never Zhitong's own crypto): signs URLs,
// encrypts pushes as secure mode does, and opens the passive replies.
import { createHash } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export interface WechatAccount {
  readonly appId: string;
  readonly token: string;
  readonly aesKey: string;
  readonly ghId: string;
}

export const sha1Sorted = (...parts: string[]): string => createHash('sha1').update([...parts].sort().join('')).digest('hex');

export function textXml(a: WechatAccount, openid: string, createTime: number, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[${a.ghId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${String(createTime)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

export function voiceXml(a: WechatAccount, openid: string, createTime: number, mediaId: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[${a.ghId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${String(createTime)}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[${mediaId}]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>${msgId}</MsgId></xml>`;
}

export interface SignedPush {
  readonly url: string;
  readonly body: string;
}

/** A secure-mode push as WeChat sends it: the URL signature, msg_signature over Encrypt, the Encrypt-only body. */
export function securePush(a: WechatAccount, inner: string, timestamp: number, nonce: string, opts: { key?: string; appId?: string } = {}): SignedPush {
  const ts = String(timestamp);
  const enc = encrypt(opts.key ?? a.aesKey, inner, opts.appId ?? a.appId);
  const q = new URLSearchParams({ signature: sha1Sorted(a.token, ts, nonce), timestamp: ts, nonce, openid: 'ignored', encrypt_type: 'aes', msg_signature: getSignature(a.token, ts, nonce, enc) });
  return { url: `/hooks/wechat?${q.toString()}`, body: `<xml><ToUserName><![CDATA[${a.ghId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>` };
}

/** The reply's inner XML after checking its MsgSignature, or null when it is not an encrypted reply. */
export function openReply(a: WechatAccount, body: string): string | null {
  const pick = (tag: string) => new RegExp(`<${tag}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${tag}>`, 'su').exec(body)?.[1];
  const enc = pick('Encrypt');
  const sig = pick('MsgSignature');
  const ts = pick('TimeStamp');
  const nonce = pick('Nonce');
  if (enc === undefined || sig === undefined || ts === undefined || nonce === undefined) return null;
  if (getSignature(a.token, ts, nonce, enc) !== sig) return null;
  const opened = decrypt(a.aesKey, enc);
  return opened.id === a.appId ? opened.message : null;
}

export function imageXml(a: WechatAccount, openid: string, createTime: number, mediaId: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[${a.ghId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${String(createTime)}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[${mediaId}]]></MediaId><MsgId>${msgId}</MsgId></xml>`;
}

export interface SubscriptionChoice {
  readonly templateId: string;
  readonly status: 'accept' | 'reject';
}

/** The event WeChat pushes when the user answers a subscription popup (popup) or changes it later (change). */
export function subscriptionEventXml(a: WechatAccount, openid: string, createTime: number, kind: 'popup' | 'change', choices: readonly SubscriptionChoice[]): string {
  const [event, block] = kind === 'popup' ? ['subscribe_msg_popup_event', 'SubscribeMsgPopupEvent'] : ['subscribe_msg_change_event', 'SubscribeMsgChangeEvent'];
  const list = choices
    .map((c) => `<List><TemplateId><![CDATA[${c.templateId}]]></TemplateId><SubscribeStatusString><![CDATA[${c.status}]]></SubscribeStatusString>${kind === 'popup' ? '<PopupScene>2</PopupScene>' : ''}</List>`)
    .join('');
  return `<xml><ToUserName><![CDATA[${a.ghId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${String(createTime)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event><${block}>${list}</${block}></xml>`;
}
