import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** R-EXIT-*: a partner is active until terminated (R-P1) or exited (§6). */
export const partnerStatuses = ['active', 'terminated', 'exited'] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export const partners = pgTable(
  'partners',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    status: text('status', { enum: partnerStatuses }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [check('partners_status_check', sql`${t.status} in ('active', 'terminated', 'exited')`)],
);

export type PartnerRow = typeof partners.$inferSelect;
export type NewPartnerRow = typeof partners.$inferInsert;
