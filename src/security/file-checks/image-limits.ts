// Pixel limits before any decoding (DESIGN §7.4): sharp reads only the header here, and refuses on
// its own past limitInputPixels; we also count every frame of an animated image.
import { loadSharp } from './sharp-lazy.js';
import { FILE_LIMITS, FileRejected } from './rejection.js';

export async function checkImagePixels(bytes: Uint8Array, limit: number = FILE_LIMITS.imagePixels): Promise<void> {
  let width: number;
  let height: number;
  let pages: number;
  try {
    const sharp = await loadSharp();
    const meta = await sharp(bytes, { limitInputPixels: limit, sequentialRead: true }).metadata();
    width = meta.width;
    height = meta.pageHeight ?? meta.height;
    pages = meta.pages ?? 1;
  } catch (error) {
    if (error instanceof Error && /pixel limit/iu.test(error.message)) throw new FileRejected('too_many_pixels', 'the image has too many pixels');
    throw new FileRejected('malformed', 'the image cannot be read');
  }
  if (width * height * pages > limit) throw new FileRejected('too_many_pixels', 'the image has too many pixels');
}
