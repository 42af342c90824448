import { bigint, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Everything the procedure must do at a time: lapse a reply, close an
 * objection window, start late fees, lift restrictions, remind people. The
 * row is the truth; a pg-boss job only wakes the worker at `due_at`, and
 * `cli sweep` catches up on whatever is due.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id'),
    kind: text('kind').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }).notNull(),
    provisional: boolean('provisional').notNull().default(false),
    payload: jsonb('payload').notNull().default({}),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    /** What happened when it was processed (`lapsed`, `moot`, …). */
    outcome: text('outcome'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    // The due-deadline query reads only open rows, in due order, and only their ids: with the id in
    // the index it is answered from the index alone (bench: 200k open of 1M, 500 rows in 0.25 ms, not 1–4).
    index('deadlines_open_due_idx').on(t.dueAt, t.id).where(sql`${t.doneAt} is null`),
    index('deadlines_case_idx').on(t.caseId),
  ],
);

export type DeadlineRow = typeof deadlines.$inferSelect;
