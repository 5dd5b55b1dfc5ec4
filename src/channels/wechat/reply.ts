// The passive reply (channels.md §1.5): within WeChat's five seconds, a short fixed acknowledgement when a
// message opened a conversation, `success` otherwise. It never carries case data; in encrypted modes it is
// encrypted with the key that opened the push.
import type { WechatConfig } from '../../config-wechat.js';
import { encryptMessage, wechatSignature } from './crypto.js';
import type { OpenedPush } from './push.js';
import { cdata } from './xml.js';

export const RECEIVED_TEXT = '已收到您的留言，工作人员将尽快登记处理。如遇紧急情况，请直接拨打110。';

export function passiveTextReply(config: WechatConfig, push: OpenedPush, text: string, now: Date): string {
  const seconds = String(Math.floor(now.getTime() / 1000));
  const inner = `<xml><ToUserName>${cdata(push.message.FromUserName)}</ToUserName><FromUserName>${cdata(push.message.ToUserName)}</FromUserName><CreateTime>${seconds}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(text)}</Content></xml>`;
  if (push.replyKey === null) return inner;
  const encrypt = encryptMessage(push.replyKey, inner, config.appId);
  const signature = wechatSignature(config.token, seconds, push.nonce, encrypt);
  return `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${seconds}</TimeStamp><Nonce>${cdata(push.nonce)}</Nonce></xml>`;
}
