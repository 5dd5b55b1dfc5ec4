// Configuration the bureau edits (DESIGN §2, §4, §3.4): dictionaries, deadline policies, the routing
// table, the business calendar and the duty roster. Seeded from reviewed data files; admin-edited after.
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './org.js';

export const dictionaryEntries = pgTable(
  'dictionary_entries',
  {
    dictionary: text('dictionary').notNull(),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'dictionary_entries_pkey', columns: [t.dictionary, t.code] })],
);

/** Public deadline per case type; amount NULL means no public deadline (praise). */
export const deadlinePolicies = pgTable('deadline_policies', {
  caseType: text('case_type').primaryKey(),
  amount: integer('amount'),
  unit: text('unit').notNull(),
  startsAt: text('starts_at').notNull(),
  rollForwardIfHoliday: boolean('roll_forward_if_holiday').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** The competent unit per subject rank (DESIGN §3.4), confirmed by the bureau. */
export const routingRules = pgTable('routing_rules', {
  rank: text('rank').primaryKey(),
  rule: jsonb('rule').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A year of the business calendar: published (State Council notice entered) or provisional (by rule). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  status: text('status').notNull(),
  /** the year's holidays and make-up days as YearCalendarJson */
  definition: jsonb('definition').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Who is the duty leader (and deputy) on a day (DESIGN §1). */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    onDate: date('on_date', { mode: 'string' }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    deputy: boolean('deputy').notNull().default(false),
  },
  (t) => [primaryKey({ name: 'duty_roster_pkey', columns: [t.onDate, t.userId] }), index('duty_roster_user_idx').on(t.userId)],
);
