import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Idempotency: each command carries a key (the chat platform's view or action
 * id); repeating it returns the first result instead of acting again.
 */
export const commandLog = pgTable('command_log', {
  key: text('key').primaryKey(),
  action: text('action').notNull(),
  actor: text('actor').notNull(),
  result: jsonb('result').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
});
