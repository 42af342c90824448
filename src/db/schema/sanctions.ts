import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** Sanctions come from the history import or from a case this bot ran. */
export const sanctionSources = ['import', 'case'] as const;
export type SanctionSource = (typeof sanctionSources)[number];

export const sanctions = pgTable(
  'sanctions',
  {
    caseId: text('case_id').primaryKey(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    itemId: text('item_id').notNull(),
    policyVersion: text('policy_version').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    /** R-P2/R-P3: a sanction counts toward later ranks from the day the processing notice is sent. */
    noticeDate: date('notice_date', { mode: 'string' }).notNull(),
    /**
     * The announcement day (处分公告): the formal-decision day; imported
     * history: its notice date. Null while the objection window runs.
     * R-P2/R-P3 validity ends 12 months from it (R-PERIOD).
     */
    announcedOn: date('announced_on', { mode: 'string' }),
    baseClass: smallint('base_class').notNull(),
    /** After R-CASCADE (3 → 2 → 1). */
    finalClass: smallint('final_class').notNull(),
    terminated: boolean('terminated').notNull().default(false),
    amount: numeric('amount', { precision: 16, scale: 2 }).notNull(),
    explanation: jsonb('explanation').notNull(),
    /**
     * R-P2/R-P3 reading: sanctions that produced a cascade stay on the record
     * but are consumed by the new sanction's case id and no longer count.
     * No foreign key, so a case may mark them before or after inserting itself.
     */
    consumedBy: text('consumed_by'),
    source: text('source', { enum: sanctionSources }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('sanctions_partner_notice_idx').on(t.partnerId, t.noticeDate),
    index('sanctions_consumed_by_idx').on(t.consumedBy),
    check('sanctions_base_class_check', sql`${t.baseClass} between 1 and 3`),
    check('sanctions_final_class_check', sql`${t.finalClass} between 1 and 3`),
    check('sanctions_source_check', sql`${t.source} in ('import', 'case')`),
  ],
);

export type SanctionRow = typeof sanctions.$inferSelect;
export type NewSanctionRow = typeof sanctions.$inferInsert;
