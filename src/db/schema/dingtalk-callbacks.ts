import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
