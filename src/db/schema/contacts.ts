import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** Chat accounts that speak for a partner; looked up by (platform, user id). */
export const contacts = pgTable(
  'contacts',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    platform: text('platform').notNull().default('slack'),
    userId: text('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.platform, t.userId] }),
    index('contacts_platform_user_idx').on(t.platform, t.userId),
  ],
);

export type ContactRow = typeof contacts.$inferSelect;
