// The plaintext inside a backup's envelope: typed records, in this order —
//   H preamble (JSON) · per table: T start (JSON), D COPY text chunks, E end · Q sequences (JSON)
//   · per attachment: A start (JSON), B bytes, F end · M manifest (JSON, last)
// The manifest repeats every table's row count and SHA-256 and every attachment's, so a restore can
// check the content it read against what the writer saw before it writes anything.
import { z } from 'zod';

export type RecordType = 'H' | 'T' | 'D' | 'E' | 'Q' | 'A' | 'B' | 'F' | 'M';
const TYPES = new Set<string>(['H', 'T', 'D', 'E', 'Q', 'A', 'B', 'F', 'M']);
/** Data records are at most this long; the JSON ones far less. */
export const MAX_RECORD = 1024 * 1024;

export interface BackupRecord {
  readonly type: RecordType;
  readonly payload: Buffer;
}

export function encodeRecord(type: RecordType, payload: Buffer): Buffer {
  if (payload.length > MAX_RECORD) throw new Error('backup record too long');
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

export function jsonRecord(type: RecordType, value: unknown): Buffer {
  return encodeRecord(type, Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Splits decrypted chunks back into records; a malformed stream is an error, never a guess. */
export async function* readRecords(chunks: AsyncIterable<Buffer>): AsyncGenerator<BackupRecord> {
  let buf: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    let offset = 0;
    while (buf.length - offset >= 5) {
      const type = String.fromCharCode(buf[offset] ?? 0);
      const length = buf.readUInt32BE(offset + 1);
      if (!TYPES.has(type) || length > MAX_RECORD) throw new Error('malformed backup content');
      if (buf.length - offset - 5 < length) break;
      yield { type: type as RecordType, payload: buf.subarray(offset + 5, offset + 5 + length) };
      offset += 5 + length;
    }
    buf = buf.subarray(offset);
  }
  if (buf.length > 0) throw new Error('malformed backup content');
}

export const BACKUP_FORMAT = 'zhitong-backup/1';

export const preambleSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  zhitongVersion: z.string(),
  server: z.string(),
  /** The applied migrations (drizzle's hashes, in order): a restore needs the same schema. */
  migrations: z.array(z.string()),
  /** The master key this data is encrypted under (id and key check value, never the key). */
  keyId: z.number().int(),
  kcv: z.string(),
  installationId: z.string().nullable(),
  /** Audit chain anchors of this installation that name seals inside the snapshot. */
  anchors: z.array(z.string()),
  /** The highest transaction id the audit chain names: the target server must be past it. */
  maxXid: z.string().regex(/^[0-9]+$/u),
});
export type Preamble = z.infer<typeof preambleSchema>;

export const tableStartSchema = z.strictObject({
  schema: z.string(),
  name: z.string(),
  columns: z.array(z.string()),
});
export type TableStart = z.infer<typeof tableStartSchema>;

export const sequencesSchema = z.array(z.strictObject({ schema: z.string(), name: z.string(), lastValue: z.string(), isCalled: z.boolean() }));
export type SequenceState = z.infer<typeof sequencesSchema>[number];

export const attachmentStartSchema = z.strictObject({ key: z.string().regex(/^[0-9]{4}\/[0-9a-f-]{36}$/u) });

export const manifestSchema = z.strictObject({
  tables: z.array(z.strictObject({ schema: z.string(), name: z.string(), rows: z.number().int(), sha256: z.string() })),
  attachments: z.array(z.strictObject({ key: z.string(), bytes: z.number().int(), sha256: z.string() })),
  sequences: z.number().int(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function parseJson<T>(schema: z.ZodType<T>, payload: Buffer): T {
  return schema.parse(JSON.parse(payload.toString('utf8')));
}

/** Tables `name` in `schema`: quoted for SQL (the names come from the catalogue or a verified file). */
export function qualified(schema: string, name: string): string {
  return `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
}

export function quoteColumn(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
