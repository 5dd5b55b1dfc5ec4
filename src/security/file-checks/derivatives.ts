// What units receive instead of originals (DESIGN §3.4): images without metadata, docx as text,
// PDFs as page images, text files as text. Everything else — audio, video, HEIC, xlsx, legacy
// Office — has no derivative and stays with the centre, shared only through grant_original.
import { docxText } from './docx-text.js';
import { cleanImage, isCleanableImage } from './image-derivative.js';
import { pdfPages, type PdfPagesOptions } from './pdf-pages.js';

export interface Derivative {
  readonly mediaType: string;
  /** Extension for the derivative's name (`<original name>.<ext>`, or `-p<page>.<ext>` for pages). */
  readonly ext: string;
  readonly bytes: Buffer;
  /** 1-based page of the original, for PDF pages. */
  readonly page?: number;
}

export type DerivativeOptions = PdfPagesOptions;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A .txt carries no metadata, only what the reporter typed — the same that a docx yields as text —
 * so it is passed on, normalised (no byte-order mark, LF line ends). Non-UTF-8 input was refused at upload.
 */
function plainText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/gu, '\n');
}

const text = (value: string): Derivative => ({ mediaType: 'text/plain', ext: 'txt', bytes: Buffer.from(value, 'utf8') });

/**
 * The derivatives of one original, given its stored (sniffed) media type. An empty list means the
 * original stays with the centre. Throws when an original that should have derivatives cannot be
 * converted (FileRejected for a bad docx, PdfRenderFailed, sharp's errors for a bad image).
 */
export async function makeDerivatives(mediaType: string, bytes: Uint8Array, options: DerivativeOptions = {}): Promise<Derivative[]> {
  if (isCleanableImage(mediaType)) return [{ mediaType, ext: mediaType.slice('image/'.length).replace('jpeg', 'jpg'), bytes: await cleanImage(mediaType, bytes) }];
  switch (mediaType) {
    case DOCX:
      return [text(docxText(bytes))];
    case 'text/plain':
      return [text(plainText(bytes))];
    case 'application/pdf':
      return (await pdfPages(bytes, options)).map((p) => ({ mediaType: 'image/png', ext: 'png', bytes: p.png, page: p.page }));
    default:
      return [];
  }
}
