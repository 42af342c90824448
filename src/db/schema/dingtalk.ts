import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * DingTalk OpenAPI calls per month (Asia/Shanghai) and API path (issue 12):
 * organisations on the free edition have a monthly quota of metered calls,
 * shown by `cli dingtalk usage`. Rows are added to, never rewritten by hand.
 */
export const dingtalkApiUsage = pgTable(
  'dingtalk_api_usage',
  {
    /** YYYY-MM in Asia/Shanghai. */
    month: text('month').notNull(),
    /** The OpenAPI path without its version, e.g. `robot/oToMessages/batchSend`. */
    api: text('api').notNull(),
    calls: integer('calls').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.api] }),
    check('dingtalk_api_usage_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('dingtalk_api_usage_calls_check', sql`${t.calls} >= 0`),
  ],
);

/**
 * Inbound callbacks already handled, by DingTalk's `msgId` (robot messages)
 * or the callback's own id (cards): a re-push or replay is recognised here
 * and changes nothing.
 */
export const dingtalkCallbacks = pgTable('dingtalk_callbacks', {
  msgId: text('msg_id').primaryKey(),
  topic: text('topic').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
});

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
