// A raw message as the rules need it, through mailparser (GB2312/GBK/UTF-8, RFC 2047/2231 names). HTML
// is turned into text and never fetched from (mailparser fetches nothing); links to images are left as
// they are. The rules read raw header fields, never mailparser's structured view of them.
import { simpleParser } from 'mailparser';
import { headerFieldsOf, messageIdsIn, type HeaderFields } from '../../domain/email/headers.js';

export interface RawAttachment {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface InboundMail {
  readonly headers: HeaderFields;
  /** the first From address, lower-cased; null when there is none */
  readonly from: string | null;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string | null;
  /** In-Reply-To, then References, in the order written */
  readonly parentIds: readonly string[];
  readonly attachments: readonly RawAttachment[];
}

/** The intake inbox takes at most this much text; the raw copy keeps the rest. */
const MAX_TEXT = 100_000;

export async function parseMail(raw: Buffer): Promise<InboundMail> {
  const m = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 5 * 1024 * 1024 });
  const headers = headerFieldsOf(m.headerLines);
  const from = m.from?.value.find((a) => typeof a.address === 'string' && a.address.includes('@'))?.address?.toLowerCase() ?? null;
  let text = (m.text ?? '').replace(/\r\n?/gu, '\n').trim();
  if (text.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT - 20)}\n……（以下内容见原始邮件）`;
  const refs = [...(headers.get('in-reply-to') ?? []), ...(headers.get('references') ?? [])].flatMap(messageIdsIn);
  return {
    headers,
    from,
    subject: (m.subject ?? '').trim(),
    text,
    messageId: m.messageId === undefined ? null : m.messageId.replace(/^<|>$/gu, ''),
    parentIds: refs,
    attachments: m.attachments.filter((a) => a.content.length > 0).map((a) => ({ name: a.filename ?? '', bytes: a.content })),
  };
}
