// The push bodies are XML from the internet until the signature says otherwise, and the decrypted body is
// XML written by users' messages: no DTD or entity declaration is parsed at all, entities stay text, values
// stay strings (MsgId is a 64-bit integer, "00123" is a user's words), and prototype names are refused.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const DECLARATIONS = /<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/iu;
const PROTOTYPE_NAMES = /<\/?\s*(__proto__|constructor|prototype)[\s>/]/u;

const parser = new XMLParser({
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
});

/** Nested blocks read as lists of flat entries: the subscription events' <List> items (channels.md §1.4). */
const LIST_BLOCKS = new Set(['SubscribeMsgPopupEvent', 'SubscribeMsgChangeEvent']);
const LIST_MAX = 20;

export interface ParsedXml {
  readonly fields: Record<string, string>;
  readonly lists: Record<string, Record<string, string>[]>;
}

function flatEntry(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entry: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && !k.startsWith('#')) entry[k] = v;
  return entry;
}

function listOf(block: unknown): Record<string, string>[] | null {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return null;
  const items = (block as Record<string, unknown>).List;
  const raw: unknown[] = Array.isArray(items) ? items : [items];
  if (raw.length > LIST_MAX) return null;
  const entries: Record<string, string>[] = [];
  for (const item of raw) {
    const entry = flatEntry(item);
    if (entry === null) return null;
    entries.push(entry);
  }
  return entries;
}

/** The <xml> root's simple fields as strings, and the known list blocks; null for anything else (DTDs, prototype tags, junk). */
export function parseWechatXml(text: string): ParsedXml | null {
  if (DECLARATIONS.test(text) || PROTOTYPE_NAMES.test(text)) return null;
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- still shipped in 5.12.1; its successor package is not a dependency
  if (XMLValidator.validate(text) !== true) return null;
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const root = (doc as Record<string, unknown>).xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return null;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const lists: Record<string, Record<string, string>[]> = Object.create(null) as Record<string, Record<string, string>[]>;
  for (const [name, value] of Object.entries(root)) {
    // Other nested blocks (ScanCodeInfo, SendPicsInfo) and repeated tags carry nothing an intake item needs.
    if (typeof value === 'string' && !name.startsWith('#')) fields[name] = value;
    else if (LIST_BLOCKS.has(name)) {
      const list = listOf(value);
      if (list !== null) lists[name] = list;
    }
  }
  return { fields, lists };
}

/** The <xml> root's simple fields as strings; null for anything else (nested roots, DTDs, prototype tags, junk). */
export function parseFlatXml(text: string): Record<string, string> | null {
  return parseWechatXml(text)?.fields ?? null;
}

/** CDATA that cannot be closed early by the text it wraps. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
