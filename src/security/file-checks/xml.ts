// XML from untrusted files: no DTDs or entity declarations at all (refused before parsing), no entity
// expansion in the parser, bounded nesting; the five predefined and numeric references are decoded
// by us, because a value like TargetMode="&#69;xternal" must not slip past a comparison.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FILE_LIMITS, FileRejected } from './rejection.js';

export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

export interface XmlElement {
  readonly kind: 'element';
  /** The qualified name as written (`w:t`). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlText | XmlElement;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(raw: string): string {
  return raw.replace(/&(?:#x([0-9a-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/giu, (whole, hex?: string, dec?: string, named?: string) => {
    if (named !== undefined) return PREDEFINED[named] ?? whole;
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Office writes parts in UTF-8 or UTF-16 with a byte-order mark; anything else is not a valid part. */
export function decodePart(bytes: Uint8Array): string {
  try {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileRejected('malformed', 'an XML part is not valid UTF-8 or UTF-16');
  }
}

/** Refuses DTDs and entity declarations wherever they appear (case-insensitive: some parsers are lenient). */
export function refuseDeclarations(text: string): void {
  if (/<!\s*(?:DOCTYPE|ENTITY)/iu.test(text)) throw new FileRejected('xml_declarations', 'an XML part declares a DTD or entities');
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: FILE_LIMITS.xmlDepth,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attrsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = decodeEntities(v);
  return out;
}

// The parser's ordered form: [{ tag: [children], ':@': {attrs} } | { '#text': string }]; its own
// nesting limit bounds this recursion.
function convert(raw: unknown): XmlNode[] {
  if (!Array.isArray(raw)) return [];
  const out: XmlNode[] = [];
  for (const item of raw as unknown[]) {
    if (!isRecord(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === ':@') continue;
      if (key === '#text') {
        if (typeof value === 'string' || typeof value === 'number') out.push({ kind: 'text', text: decodeEntities(String(value)) });
        continue;
      }
      if (key.startsWith('?') || key.startsWith('!')) continue;
      out.push({ kind: 'element', name: key, attrs: attrsOf(item[':@']), children: convert(value) });
    }
  }
  return out;
}

/** Parses a part after refusing declarations; a part that is not well-formed XML is malformed. */
export function parseXml(text: string): XmlNode[] {
  refuseDeclarations(text);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- still shipped in 5.12.1; its successor package is not a dependency
  if (XMLValidator.validate(text) !== true) throw new FileRejected('malformed', 'an XML part is not well-formed');
  try {
    return convert(parser.parse(text));
  } catch {
    throw new FileRejected('malformed', 'an XML part could not be parsed');
  }
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Every element in document order, depth first (iterative: nesting depth is not our stack's problem). */
export function* walk(nodes: readonly XmlNode[]): Generator<XmlElement> {
  const stack: XmlNode[] = [...nodes].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind !== 'element') continue;
    yield node;
    for (const child of [...node.children].reverse()) stack.push(child);
  }
}
