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
