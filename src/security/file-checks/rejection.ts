// Why a file is refused, in words a reporter can act on; the http layer turns this into a 415 or 413.

export type RejectionReason =
  | 'not_allowed'
  | 'malformed'
  | 'too_large'
  | 'too_many_pixels'
  | 'archive_limits'
  | 'xml_declarations'
  | 'macros'
  | 'embedded_object'
  | 'activex'
  | 'external_relationship';

export class FileRejected extends Error {
  constructor(readonly reason: RejectionReason, why: string) {
    super(`${reason}: ${why}`);
    this.name = 'FileRejected';
  }
}

/** Limits of DESIGN §7.4; the zip and pixel limits are ours, sized far above any honest document or photo. */
export const FILE_LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  imagePixels: 50_000_000,
  zipEntries: 2_000,
  zipUncompressedBytes: 200 * 1024 * 1024,
  xmlDepth: 256,
} as const;

export interface FileCheckOptions {
  /** Legacy doc/xls/wps (OLE compound files): their macros cannot be checked, so only if the operator allows them. */
  readonly allowLegacyOffice?: boolean | undefined;
  /** Video over the 50 MB file limit (still within the submission limit). */
  readonly allowLargeVideo?: boolean | undefined;
}

export interface SniffedFile {
  /** The stored, sniffed type: what downloads are served as. */
  readonly mediaType: string;
  /** The extension the sanitised name is given. */
  readonly ext: string;
}
