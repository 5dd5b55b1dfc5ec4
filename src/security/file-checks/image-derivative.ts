// Images for units (DESIGN §3.4): decoded within the pixel limit, turned upright by their EXIF
// orientation, and encoded again in the same format. sharp writes no metadata unless asked, so EXIF
// (GPS, device, times), XMP, IPTC, ICC profiles and comments are all left behind.
import { loadSharp } from './sharp-lazy.js';
import { FILE_LIMITS } from './rejection.js';

export type CleanableImage = 'image/jpeg' | 'image/png' | 'image/webp';

export function isCleanableImage(mediaType: string): mediaType is CleanableImage {
  return mediaType === 'image/jpeg' || mediaType === 'image/png' || mediaType === 'image/webp';
}

/** Only the first frame of an animated WebP is kept; the original stays with the centre. */
export async function cleanImage(mediaType: CleanableImage, bytes: Uint8Array): Promise<Buffer> {
  const sharp = await loadSharp();
  const image = sharp(bytes, { limitInputPixels: FILE_LIMITS.imagePixels, failOn: 'error' }).autoOrient();
  switch (mediaType) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90 }).toBuffer();
    case 'image/png':
      return image.png().toBuffer();
    case 'image/webp':
      return image.webp({ quality: 90 }).toBuffer();
  }
}
