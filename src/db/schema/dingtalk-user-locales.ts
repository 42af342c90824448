import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Each DingTalk user's language: no server API gives a user's UI language,
 * so it is a preference set by command (`语言 en`), default zh-CN.
 */
export const dingtalkUserLocales = pgTable(
  'dingtalk_user_locales',
  {
    userId: text('user_id').primaryKey(),
    locale: text('locale', { enum: ['zh-CN', 'en'] }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [check('dingtalk_user_locales_locale_check', sql`${t.locale} in ('zh-CN', 'en')`)],
);
