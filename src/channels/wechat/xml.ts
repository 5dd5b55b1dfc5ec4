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

/** The <xml> root's simple fields as strings; null for anything else (nested roots, DTDs, prototype tags, junk). */
export function parseFlatXml(text: string): Record<string, string> | null {
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
  for (const [name, value] of Object.entries(root)) {
    // Nested blocks (ScanCodeInfo, SendPicsInfo) and repeated tags carry nothing an intake item needs.
    if (typeof value === 'string' && !name.startsWith('#')) fields[name] = value;
  }
  return fields;
}

/** CDATA that cannot be closed early by the text it wraps. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
