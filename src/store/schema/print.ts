// Print templates the sysadmin edited (issue 4 打印; the reviewed defaults live in domain/data/print-templates.ts)
// and the 交办单 document numbers: one per dispatch level, numbered per year, assigned once and kept.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './org.js';
import { dispatchLevels } from './workflow.js';

/** Only edited kinds have a row; a missing row means the reviewed default. */
export const printTemplates = pgTable('print_templates', {
  kind: text('kind').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** for the 交办单: the prefix of its document number (示例公督交); NULL elsewhere */
  numberPrefix: text('number_prefix'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').notNull().references(() => users.id),
});

export const dispatchDocuments = pgTable(
  'dispatch_documents',
  {
    dispatchLevelId: uuid('dispatch_level_id').primaryKey().references(() => dispatchLevels.id),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    /** the full number as first printed (示例公督交〔2026〕12号): a later prefix change does not renumber it */
    number: text('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by').notNull().references(() => users.id),
  },
  (t) => [uniqueIndex('dispatch_documents_year_seq_key').on(t.year, t.seq), check('dispatch_documents_seq_positive', sql`${t.seq} > 0`)],
);
