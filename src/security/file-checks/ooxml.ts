// docx and xlsx are accepted only as plain OOXML packages (DESIGN §7.4): no macros, no embedded OLE
// objects or ActiveX controls, no relationship that reaches outside the package (remote templates,
// linked objects, and — a deliberate cost — ordinary hyperlinks), no DTDs in any part.
import { FileRejected } from './rejection.js';
import { decodePart, localName, parseXml, refuseDeclarations, walk, type XmlElement } from './xml.js';
import { inflateParts, listZip } from './zip.js';

export type OoxmlKind = 'docx' | 'xlsx';

const MAIN_PARTS: readonly { kind: OoxmlKind; part: string; contentType: string }[] = [
  { kind: 'docx', part: 'word/document.xml', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  { kind: 'xlsx', part: 'xl/workbook.xml', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
];

const CONTENT_TYPES = '[content_types].xml';
const XML_PART = /\.(?:xml|rels|vml)$/iu;
const MACRO_PACKAGE = /\.(?:docm|dotm|xlsm|xltm|xlam|xlsb|pptm|potm|ppsm|ppam)$/iu;

function refuseEntryName(name: string): void {
  const n = name.toLowerCase();
  if (/(?:^|\/)vba(?:project\.bin|data\.xml)$/u.test(n) || MACRO_PACKAGE.test(n)) throw new FileRejected('macros', `macro part ${name}`);
  if (/(?:^|\/)activex\//u.test(n)) throw new FileRejected('activex', `ActiveX part ${name}`);
  if (n.includes('oleobject') || (/(?:^|\/)embeddings\//u.test(n) && n.endsWith('.bin'))) throw new FileRejected('embedded_object', `embedded object ${name}`);
}

function refuseContentType(contentType: string): void {
  const t = contentType.toLowerCase();
  if (t.includes('macroenabled') || t.includes('vbaproject') || t.includes('vbadata')) throw new FileRejected('macros', `macro content type ${contentType}`);
  if (t.includes('activex')) throw new FileRejected('activex', `ActiveX content type ${contentType}`);
  if (t.includes('oleobject')) throw new FileRejected('embedded_object', `embedded object content type ${contentType}`);
}

/** Attribute by local name, case-insensitively: a prefixed or oddly cased attribute is the same attribute to a lenient reader. */
function attr(el: XmlElement, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(el.attrs)) if (localName(key).toLowerCase() === wanted) return value;
  return undefined;
}

function refuseRelationship(rel: XmlElement): void {
  if (attr(rel, 'TargetMode')?.trim().toLowerCase() === 'external') throw new FileRejected('external_relationship', 'a relationship targets something outside the document');
  const type = (attr(rel, 'Type') ?? '').trim().toLowerCase();
  if (/\/(?:vbaproject|wordvbadata|vbaprojectsignature)$/u.test(type)) throw new FileRejected('macros', 'a macro relationship');
  if (type.endsWith('/oleobject')) throw new FileRejected('embedded_object', 'an embedded object relationship');
  if (type.endsWith('/control') || type.endsWith('/activexcontrolbinary')) throw new FileRejected('activex', 'an ActiveX relationship');
}

function partText(parts: ReadonlyMap<string, Uint8Array>, name: string): string | undefined {
  for (const [key, bytes] of parts) if (key.toLowerCase() === name) return decodePart(bytes);
  return undefined;
}

interface ContentTypes {
  /** Lower-case part name without the leading slash → lower-case content type. */
  readonly overrides: ReadonlyMap<string, string>;
  /** Lower-case extension → lower-case content type. */
  readonly defaults: ReadonlyMap<string, string>;
}

function readContentTypes(xml: string): ContentTypes {
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const el of walk(parseXml(xml))) {
    const type = attr(el, 'ContentType');
    if (type === undefined) continue;
    refuseContentType(type);
    const partName = attr(el, 'PartName');
    const ext = attr(el, 'Extension');
    if (localName(el.name) === 'Override' && partName !== undefined) overrides.set(partName.replace(/^\//u, '').toLowerCase(), type.trim().toLowerCase());
    if (localName(el.name) === 'Default' && ext !== undefined) defaults.set(ext.toLowerCase(), type.trim().toLowerCase());
  }
  return { overrides, defaults };
}

/** A part Office would read as XML: by its name, or by the content type the package gives it. */
function isXmlPart(name: string, types: ContentTypes): boolean {
  if (XML_PART.test(name)) return true;
  const lower = name.toLowerCase();
  const type = types.overrides.get(lower) ?? types.defaults.get(lower.slice(lower.lastIndexOf('.') + 1));
  return type !== undefined && /[/+]xml$/u.test(type);
}

/** Which main part the content types declare; exactly one of docx or xlsx, and present in the package. */
function mainKind(types: ContentTypes, entryNames: ReadonlySet<string>): OoxmlKind {
  const found = MAIN_PARTS.filter((m) => types.overrides.get(m.part) === m.contentType && entryNames.has(m.part));
  const [only] = found;
  if (only === undefined) throw new FileRejected('not_allowed', 'not a Word (docx) or Excel (xlsx) document');
  if (found.length > 1) throw new FileRejected('malformed', 'both a Word and an Excel main part');
  return only.kind;
}

/** Checks an OOXML package and says whether it is a docx or an xlsx; throws FileRejected otherwise. */
export function inspectOoxml(bytes: Uint8Array): OoxmlKind {
  const entries = listZip(bytes);
  const entryNames = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!entryNames.has(CONTENT_TYPES)) throw new FileRejected('not_allowed', 'a zip archive, not an Office document');
  for (const e of entries) refuseEntryName(e.name);

  const types = readContentTypes(partText(inflateParts(bytes, (name) => name.toLowerCase() === CONTENT_TYPES), CONTENT_TYPES) ?? '');
  const kind = mainKind(types, entryNames);

  const parts = inflateParts(bytes, (name) => isXmlPart(name, types));
  for (const [, data] of parts) refuseDeclarations(decodePart(data));
  for (const [name, data] of parts) {
    if (!name.toLowerCase().endsWith('.rels')) continue;
    for (const el of walk(parseXml(decodePart(data)))) if (localName(el.name) === 'Relationship') refuseRelationship(el);
  }
  const main = MAIN_PARTS.find((m) => m.kind === kind)?.part ?? '';
  parseXml(partText(parts, main) ?? '');
  return kind;
}
