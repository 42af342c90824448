import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';

/**
 * R-DETERMINE: proposed by one person, approved or rejected by another.
 * Once decided a row never changes (a trigger refuses it); a correction is a
 * new row pointing at the one it corrects.
 */
export const determinations = pgTable(
  'determinations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    purpose: text('purpose', { enum: ['determination', 'objection_answer'] }).notNull(),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true, mode: 'date' }).notNull(),
    established: boolean('established').notNull(),
    terminate: boolean('terminate').notNull().default(false),
    /** Determined before the reply window ended (R-DETERMINE fast track). */
    fastTrack: boolean('fast_track').notNull().default(false),
    /** For an objection answer: the notice is upheld, or adjusted. */
    outcome: text('outcome', { enum: ['upheld', 'adjusted'] }),
    reasons: text('reasons').notNull(),
    /** The engine's decision shown to the approver (null when not established). */
    decision: jsonb('decision'),
    corrects: bigint('corrects', { mode: 'number' }),
    /**
     * `superseded`: refused at approval because the engine, judging again at
     * that moment, decided differently (R-DETERMINE: what is approved is issued).
     */
    status: text('status', { enum: ['proposed', 'approved', 'rejected', 'superseded'] }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
    /** For a superseded proposal: what the engine decided at the approval, beside what was shown. */
    rejudged: jsonb('rejudged'),
    /** The outbox message of the approval request, to update it in place. */
    requestOutboxId: bigint('request_outbox_id', { mode: 'number' }),
  },
  (t) => [
    index('determinations_case_idx').on(t.caseId),
    index('determinations_proposed_idx').on(t.status, t.proposedAt),
    check('determinations_status_check', sql`${t.status} in ('proposed', 'approved', 'rejected', 'superseded')`),
  ],
);

export type DeterminationRow = typeof determinations.$inferSelect;
