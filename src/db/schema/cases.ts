import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, jsonb, pgSequence, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

export const caseNumbers = pgSequence('case_number_seq', { startWith: 1 });

/** One suspected violation and its way through the procedure (RULES.md §5). */
export const cases = pgTable(
  'cases',
  {
    // case_id_of (migration *_case_id_of.sql) pads to 6 digits and never cuts a longer number.
    id: text('id').primaryKey().default(sql`case_id_of(nextval('case_number_seq'))`),
    partnerId: text('partner_id').notNull().references(() => partners.id),
    itemId: text('item_id').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    facts: text('facts').notNull(),
    /** `platform:user` of whoever filed it. */
    reportedBy: text('reported_by').notNull(),
    /** R-EVIDENCE: a partner's report on another partner. */
    reporterPartnerId: text('reporter_partner_id'),
    state: text('state').notNull(),
    /** R-SUSPEND: incentive payouts are held while set. */
    suspended: boolean('suspended').notNull().default(false),
    /** R-SUSPEND: since when, and by whom (`platform:user`), while `suspended` is set; the standing says "since". */
    suspendedAt: timestamp('suspended_at', { withTimezone: true, mode: 'date' }),
    suspendedBy: text('suspended_by'),
    noticeSentAt: timestamp('notice_sent_at', { withTimezone: true, mode: 'date' }),
    replyDueAt: timestamp('reply_due_at', { withTimezone: true, mode: 'date' }),
    replyDueProvisional: boolean('reply_due_provisional').notNull().default(false),
    /** R-NOTICE: the processing-notice day; the sanction's notice date. */
    processingNoticeDate: date('processing_notice_date', { mode: 'string' }),
    objectionDueAt: timestamp('objection_due_at', { withTimezone: true, mode: 'date' }),
    objectionDueProvisional: boolean('objection_due_provisional').notNull().default(false),
    /** The engine's decision as sent in the processing notice. */
    decision: jsonb('decision'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** R-SCREEN: why staff dismissed a partner's report; told to the reporter, never to the accused. */
    screeningReason: text('screening_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('cases_partner_idx').on(t.partnerId, t.createdAt),
    index('cases_state_idx').on(t.state),
    // R-SUSPEND: a suspension always says since when and by whom; a lifted one says neither.
    check('cases_suspended_since_check', sql`${t.suspended} = (${t.suspendedAt} is not null and ${t.suspendedBy} is not null) and (${t.suspendedAt} is null) = (${t.suspendedBy} is null)`),
    check(
      'cases_state_check',
      sql`${t.state} in ('reported', 'awaiting_reply', 'awaiting_determination', 'determination_proposed', 'awaiting_objection', 'objection_raised', 'objection_answer_proposed', 'collecting', 'closed', 'dismissed')`,
    ),
  ],
);

export type CaseRow = typeof cases.$inferSelect;

/** Links and chat files, with who added them and when. */
export const caseEvidence = pgTable(
  'case_evidence',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind', { enum: ['link', 'file'] }).notNull(),
    ref: text('ref').notNull(),
    /** What the evidence backs: the report, a dispute, an objection. */
    purpose: text('purpose', { enum: ['report', 'dispute', 'objection'] }).notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_evidence_case_idx').on(t.caseId)],
);

/** R-REPLY: the partner's written reply, or the recorded lapse. */
export const caseReplies = pgTable(
  'case_replies',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    kind: text('kind', { enum: ['accept', 'dispute', 'no_objection', 'lapse'] }).notNull(),
    text: text('text'),
    by: text('by'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('case_replies_case_idx').on(t.caseId)],
);

/** R-NOTICE: an objection to the processing notice, with grounds. */
export const objections = pgTable(
  'objections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: text('case_id').notNull().references(() => cases.id),
    grounds: text('grounds').notNull(),
    by: text('by').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('objections_case_idx').on(t.caseId)],
);
