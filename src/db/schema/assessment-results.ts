import { sql } from 'drizzle-orm';
import { check, date, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { partnerCategoryKinds } from './partner-categories.ts';
import { partners } from './partners.ts';

/**
 * R-ASSESS (§3.1.3): one applied assessment result per (partner, category,
 * period) — the key that makes a re-import change nothing. `outcome` says
 * what was done; a `held_back` upgrade names the restrictions in `held_by`
 * (rule, exclusive `until`) (R-RESTRICT).
 */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    category: text('category', { enum: partnerCategoryKinds }).notNull(),
    /** `FY27-Q2` (a fiscal quarter) or `FY27` (a fiscal year), R-FY. */
    period: text('period').notNull(),
    result: text('result', { enum: ['keep', 'upgrade', 'downgrade', 'remove'] }).notNull(),
    proposedLevel: text('proposed_level'),
    outcome: text('outcome', { enum: ['kept', 'upgraded', 'held_back', 'downgraded', 'removed'] }).notNull(),
    levelBefore: text('level_before').notNull(),
    levelAfter: text('level_after'),
    heldBy: jsonb('held_by').notNull().default([]),
    /** The day the result was applied (Asia/Shanghai): restrictions are judged on it. */
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.category, t.period] }),
    check('assessment_results_result_check', sql`${t.result} in ('keep', 'upgrade', 'downgrade', 'remove')`),
    check('assessment_results_outcome_check', sql`${t.outcome} in ('kept', 'upgraded', 'held_back', 'downgraded', 'removed')`),
  ],
);

export type AssessmentResultRow = typeof assessmentResults.$inferSelect;

/** R-ASSESS: the admins reminded of an assessment month, so each is reminded once per month. */
export const assessmentReminders = pgTable(
  'assessment_reminders',
  {
    /** The assessment month, `YYYY-MM`. */
    month: text('month').notNull(),
    platform: text('platform').notNull(),
    userId: text('user_id').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.platform, t.userId] })],
);
