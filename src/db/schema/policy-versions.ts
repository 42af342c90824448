import { date, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * R-POLICY: amounts, windows, deadlines and the catalog belong to a version
 * with an effective date. `params` is parsed (zod) by whoever reads it.
 */
export const policyVersions = pgTable('policy_versions', {
  id: text('id').primaryKey(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  publishedOn: date('published_on', { mode: 'string' }),
  params: jsonb('params').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type PolicyVersionRow = typeof policyVersions.$inferSelect;
