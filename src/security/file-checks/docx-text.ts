// The text of a docx for units (DESIGN §3.4): the visible runs of word/document.xml, one line per
// paragraph. Comments, tracked deletions, field codes and hidden runs are not text the reader saw,
// so they are left out with the rest of the package.
import { FileRejected } from './rejection.js';
import { decodePart, parseXml, type XmlElement, type XmlNode } from './xml.js';
import { inflateParts, listZip } from './zip.js';

function textOf(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

function isOff(el: XmlElement): boolean {
  const val = el.attrs['w:val'];
  return val === 'false' || val === '0' || val === 'off';
}

/** A run marked hidden (`<w:rPr><w:vanish/></w:rPr>`). */
function isHiddenRun(run: XmlElement): boolean {
  const props = run.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'w:rPr');
  return props?.children.some((c) => c.kind === 'element' && c.name === 'w:vanish' && !isOff(c)) ?? false;
}

// Recursion is bounded by the parser's nesting limit (FILE_LIMITS.xmlDepth).
function collect(nodes: readonly XmlNode[], lines: string[], line: string[] | null): void {
  for (const node of nodes) {
    if (node.kind !== 'element') continue;
    switch (node.name) {
      case 'w:p': {
        // A paragraph inside a paragraph (a text box) becomes its own line.
        const own: string[] = [];
        collect(node.children, lines, own);
        lines.push(own.join(''));
        break;
      }
      case 'w:r':
        if (!isHiddenRun(node)) collect(node.children, lines, line);
        break;
      case 'w:t':
        line?.push(textOf(node));
        break;
      case 'w:tab':
        line?.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        line?.push('\n');
        break;
      case 'w:noBreakHyphen':
        line?.push('-');
        break;
      // Word shows the Choice; the Fallback repeats the same text for older readers.
      case 'mc:Fallback':
      case 'w:del':
      case 'w:rPr':
      case 'w:pPr':
        break;
      default:
        collect(node.children, lines, line);
    }
  }
}

export function docxText(bytes: Uint8Array): string {
  // The limits again: a derivative may be made long after the upload was checked.
  listZip(bytes);
  const parts = inflateParts(bytes, (name) => name.toLowerCase() === 'word/document.xml');
  const [main] = parts.values();
  if (main === undefined) throw new FileRejected('malformed', 'no word/document.xml');
  const lines: string[] = [];
  collect(parseXml(decodePart(main)), lines, null);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
