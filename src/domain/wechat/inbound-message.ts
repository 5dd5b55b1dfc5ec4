// What a user sent, as the fields WeChat documents (channels.md §1.4), checked strictly: an OpenID is an
// opaque token, MsgId a 64-bit integer kept as text, CreateTime seconds. Unknown fields are ignored.
import { z } from 'zod';

const OPENID = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/u);
const DIGITS = z.string().regex(/^\d{1,20}$/u);
const MEDIA_ID = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/u);
const line = (max: number) => z.string().max(max);

const common = { ToUserName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u), FromUserName: OPENID, CreateTime: DIGITS };

const schema = z.discriminatedUnion('MsgType', [
  z.object({ ...common, MsgType: z.literal('text'), Content: line(4000), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('image'), MediaId: MEDIA_ID, PicUrl: line(1000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('voice'), MediaId: MEDIA_ID, Format: line(16).optional(), Recognition: line(4000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.enum(['video', 'shortvideo']), MediaId: MEDIA_ID, ThumbMediaId: MEDIA_ID.optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('location'), Location_X: line(32), Location_Y: line(32), Label: line(500).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('link'), Title: line(500).optional(), Description: line(2000).optional(), Url: line(2000).optional(), MsgId: DIGITS }),
  z.object({ ...common, MsgType: z.literal('event'), Event: line(64), EventKey: line(500).optional() }),
]);

export type WechatInbound = z.output<typeof schema>;

export function inboundOf(fields: Readonly<Record<string, string>>): WechatInbound | null {
  const r = schema.safeParse(fields);
  return r.success ? r.data : null;
}

/** One key per message (MsgId) and per event (sender and second), since WeChat retries three times. */
export function dedupeKey(m: WechatInbound): string {
  return m.MsgType === 'event' ? `event:${m.FromUserName}:${m.CreateTime}` : `msg:${m.MsgId}`;
}
