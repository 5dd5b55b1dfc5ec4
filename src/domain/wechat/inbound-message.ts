// What a user sent, as the fields WeChat documents (channels.md §1.4), checked strictly: an OpenID is an
// opaque token, MsgId a 64-bit integer kept as text, CreateTime seconds. Unknown fields are ignored.
import { z } from 'zod';

const OPENID = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/u);
const DIGITS = z.string().regex(/^\d{1,20}$/u);
const MEDIA_ID = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/u);
const line = (max: number) => z.string().max(max);

/** One entry of a subscription popup or change event: which template, accepted or rejected, where asked. */
const subscription = z.object({
  TemplateId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/u),
  SubscribeStatusString: z.enum(['accept', 'reject']),
  PopupScene: DIGITS.optional(),
});

export const SUBSCRIPTION_EVENTS = { subscribe_msg_popup_event: 'SubscribeMsgPopupEvent', subscribe_msg_change_event: 'SubscribeMsgChangeEvent' } as const;

const common = { ToUserName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u), FromUserName: OPENID, CreateTime: DIGITS };

const schema = z.discriminatedUnion('MsgType', [
  z.object({ ...common, MsgType: z.literal('text'), Content: line(4000), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('image'), MediaId: MEDIA_ID, PicUrl: line(1000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('voice'), MediaId: MEDIA_ID, Format: line(16).optional(), Recognition: line(4000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.enum(['video', 'shortvideo']), MediaId: MEDIA_ID, ThumbMediaId: MEDIA_ID.optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('location'), Location_X: line(32), Location_Y: line(32), Label: line(500).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('link'), Title: line(500).optional(), Description: line(2000).optional(), Url: line(2000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('event'), Event: line(64), EventKey: line(500).optional(), Subscriptions: z.array(subscription).max(20).optional() }),
]);

export type WechatInbound = z.output<typeof schema>;

/** `lists`: the nested list blocks, read only for the subscription event that names them. */
export function inboundOf(fields: Readonly<Record<string, string>>, lists: Readonly<Record<string, readonly Readonly<Record<string, string>>[]>> = {}): WechatInbound | null {
  const event = fields.Event;
  const block = fields.MsgType === 'event' && event !== undefined && Object.hasOwn(SUBSCRIPTION_EVENTS, event) ? SUBSCRIPTION_EVENTS[event as keyof typeof SUBSCRIPTION_EVENTS] : null;
  const entries = block === null ? undefined : lists[block];
  const r = schema.safeParse(entries === undefined ? fields : { ...fields, Subscriptions: entries });
  return r.success ? r.data : null;
}

/** One key per message (MsgId) and per event (sender and second), since WeChat retries three times. */
export function dedupeKey(m: WechatInbound): string {
  return m.MsgType === 'event' ? `event:${m.FromUserName}:${m.CreateTime}` : `msg:${m.MsgId}`;
}
