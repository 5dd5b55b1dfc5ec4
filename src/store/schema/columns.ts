import { customType } from 'drizzle-orm/pg-core';

/** Ciphertexts, keyed hashes and blind indexes are raw bytes. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** The writing transaction's id, used by the audit sealer to tell finished transactions from running ones. */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});
