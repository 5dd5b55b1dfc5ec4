// WeChat's XML is read as flat strings: user text stays text ("00123", "&amp;"), MsgId keeps its 64 bits,
// and no DTD, entity or prototype-named tag gets as far as the parser's output.
import { describe, expect, it } from 'vitest';
import { inboundOf } from '../../src/domain/wechat/inbound-message.js';
import { cdata, parseFlatXml, parseWechatXml } from '../../src/channels/wechat/xml.js';
import { appendToTranscript, transcriptLine } from '../../src/domain/wechat/transcript.js';

const TEXT = '<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>\n<FromUserName><![CDATA[oUser_123-abc]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[00123 &amp; 民警]]></Content><MsgId>18446744073709551615</MsgId></xml>';

describe('WeChat XML', () => {
  it('keeps values as the user wrote them and MsgId as text', () => {
    const fields = parseFlatXml(TEXT);
    expect(fields).toMatchObject({ Content: '00123 &amp; 民警', MsgId: '18446744073709551615', CreateTime: '1348831860' });
    expect(inboundOf(fields ?? {})).toMatchObject({ MsgType: 'text', FromUserName: 'oUser_123-abc' });
  });

  it.each([
    ['a DTD', '<!DOCTYPE xml [<!ENTITY x "y">]><xml><a>&x;</a></xml>'],
    ['an entity declaration alone', '<xml><!ENTITY x SYSTEM "file:///etc/passwd"><a>1</a></xml>'],
    ['a __proto__ tag', '<xml><__proto__><polluted>1</polluted></__proto__></xml>'],
    ['a constructor tag', '<xml><constructor>1</constructor></xml>'],
    ['a broken document', '<xml><a>1</b></xml>'],
    ['another root', '<message><a>1</a></message>'],
  ])('refuses %s', (_name, xml) => {
    expect(parseFlatXml(xml)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses messages whose fields are not WeChat shaped', () => {
    const fields = parseFlatXml(TEXT.replace('oUser_123-abc', 'o<script>'.replace('<', '_').replace('>', '_') + '/../x')) ?? {};
    expect(inboundOf(fields)).toBeNull();
    expect(inboundOf({ ...parseFlatXml(TEXT), MsgId: '12a' })).toBeNull();
  });

  it('reads the entries of a subscription popup event, one or many, and nothing else nested', () => {
    const entry = (id: string, status: string) => `<List><TemplateId><![CDATA[${id}]]></TemplateId><SubscribeStatusString><![CDATA[${status}]]></SubscribeStatusString><PopupScene>2</PopupScene></List>`;
    const event = (lists: string) =>
      `<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName><FromUserName><![CDATA[oUser_123-abc]]></FromUserName><CreateTime>1610969440</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>${lists}</SubscribeMsgPopupEvent><ScanCodeInfo><ScanType>x</ScanType></ScanCodeInfo></xml>`;
    const two = parseWechatXml(event(entry('Tpl_A', 'accept') + entry('Tpl_B', 'reject')));
    expect(two?.lists).toEqual({ SubscribeMsgPopupEvent: [{ TemplateId: 'Tpl_A', SubscribeStatusString: 'accept', PopupScene: '2' }, { TemplateId: 'Tpl_B', SubscribeStatusString: 'reject', PopupScene: '2' }] });
    expect(inboundOf(two?.fields ?? {}, two?.lists)).toMatchObject({ Event: 'subscribe_msg_popup_event', Subscriptions: [{ TemplateId: 'Tpl_A' }, { TemplateId: 'Tpl_B' }] });
    const one = parseWechatXml(event(entry('Tpl_A', 'accept')));
    expect(inboundOf(one?.fields ?? {}, one?.lists)).toMatchObject({ Subscriptions: [{ TemplateId: 'Tpl_A', SubscribeStatusString: 'accept' }] });
    // An entry that is not WeChat shaped makes the whole event unreadable, not a consent.
    const odd = parseWechatXml(event(entry('Tpl_A', 'maybe')));
    expect(inboundOf(odd?.fields ?? {}, odd?.lists)).toBeNull();
  });

  it('wraps text in CDATA that the text cannot close', () => {
    expect(parseFlatXml(`<xml><Content>${cdata('a]]><b>x</b>')}</Content></xml>`)).toMatchObject({ Content: 'a]]><b>x</b>' });
  });

  it('writes a transcript line per message and stops growing at the cap', () => {
    expect(transcriptLine('10:31', { kind: 'text', text: '你好' })).toBe('[10:31] 你好');
    expect(transcriptLine('10:32', { kind: 'voice', recognition: '我要举报' })).toBe('[10:32] [语音] 识别：我要举报');
    expect(transcriptLine('10:33', { kind: 'image' })).toBe('[10:33] [图片]');
    expect(appendToTranscript('a', 'b')).toBe('a\nb');
    expect(appendToTranscript('x'.repeat(100_000), 'b')).toHaveLength(100_000);
  });
});
