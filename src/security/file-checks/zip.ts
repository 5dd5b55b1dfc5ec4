// Zip archives read defensively: the central directory is checked against our limits before a
// single byte is inflated, and fflate inflates each part into a buffer of its declared size, so
// a part that lies about its size cannot grow past what we already allowed.
import { unzipSync } from 'fflate';
import { FILE_LIMITS, FileRejected } from './rejection.js';

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly originalSize: number;
}

function rethrow(error: unknown): never {
  if (error instanceof FileRejected) throw error;
  throw new FileRejected('malformed', 'not a readable zip archive');
}

/** The entries of the central directory; nothing is inflated. */
export function listZip(bytes: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (entries.length >= FILE_LIMITS.zipEntries) throw new FileRejected('archive_limits', `more than ${FILE_LIMITS.zipEntries} entries`);
        total += file.originalSize;
        if (total > FILE_LIMITS.zipUncompressedBytes) throw new FileRejected('archive_limits', 'declared uncompressed size over the limit');
        // Part names are case-insensitive (OPC); two parts with one name would let Office and us read different ones.
        const key = file.name.toLowerCase();
        if (seen.has(key)) throw new FileRejected('malformed', 'duplicate part name');
        seen.add(key);
        entries.push({ name: file.name, compressedSize: file.size, originalSize: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    rethrow(error);
  }
  return entries;
}

/** Inflates the wanted parts; call only after listZip accepted the same bytes. */
export function inflateParts(bytes: Uint8Array, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  try {
    return new Map(Object.entries(unzipSync(bytes, { filter: (file) => wanted(file.name) })));
  } catch (error) {
    rethrow(error);
  }
}
