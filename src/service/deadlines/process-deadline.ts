import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { caseReplies, deadlines, determinations, restrictions, type DeadlineRow } from '../../db/schema/index.ts';
import { isStaleReminder, LATE_FEE_REMINDER_DAYS } from '../../domain/cases/reminders.ts';
import { addDays, formatShanghai, shanghaiDateOf } from '../../domain/dates.ts';
import { formatAmount } from '../../domain/money.ts';
import { appendAudit, auditedTransaction } from '../audit/audit-trail.ts';
import { tellStaffOfDefence } from '../cases/case-audiences.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from '../cases/case-record.ts';
import { issueFormalDecision } from '../cases/formal-decision.ts';
import { caseDebts } from '../collection/record-payment.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import { complaintDeadlineHandlers } from '../complaints/complaint-deadlines.ts';
import { scheduleDeadline } from './schedule.ts';

type Handler = (tx: Tx, deps: CaseDeps, d: DeadlineRow, c: CaseRecord) => Promise<string>;

/**
 * Each handler re-reads the case and does nothing when the deadline is moot
 * (the partner replied, the case moved on), returning what it did.
 */
const handlers: Record<string, Handler> = {
  // R-REPLY: no reply in time is no objection: the violation stands as reported.
  async reply_lapse(tx, deps, _d, c) {
    if (c.state !== 'awaiting_reply') return 'moot';
    const now = deps.clock.now();
    await tx.insert(caseReplies).values({ caseId: c.id, kind: 'lapse', text: null, by: null, at: now });
    await setCase(tx, c.id, { state: 'awaiting_determination' }, now);
    await appendAudit(tx, { actor: 'system', action: 'case.reply.lapsed', subject: c.id, payload: { due: formatShanghai(c.replyDueAt!) }, at: now });
    await tellStaffOfDefence(writer(tx, deps), c, { kind: 'reply_recorded', case: await caseView(tx, deps.policies, c), reply: 'lapse', text: null, by: null });
    return 'lapsed';
  },
  // R-NOTICE / R-DECISION: silence means no objection; the formal decision is issued.
  async objection_close(tx, deps, _d, c) {
    if (c.state !== 'awaiting_objection') return 'moot';
    await issueFormalDecision(tx, deps, c, 'system');
    return 'decided';
  },
  async deadline_reminder(tx, deps, d, c) {
    const p = d.payload as { deadline: 'reply' | 'objection'; when: 'day_before' | 'due_today' };
    const live = p.deadline === 'reply' ? c.state === 'awaiting_reply' : c.state === 'awaiting_objection';
    if (!live) return 'moot';
    const due = p.deadline === 'reply' ? c.replyDueAt! : c.objectionDueAt!;
    if (isStaleReminder(p.when, shanghaiDateOf(due), deps.clock.now())) return 'stale';
    await notifyPartner(writer(tx, deps), c.partnerId, c.id, { kind: 'deadline_reminder', case: await caseView(tx, deps.policies, c), deadline: p.deadline, due: formatShanghai(due), when: p.when });
    return 'reminded';
  },
  async approval_waiting(tx, deps, d, c) {
    const { determinationId } = d.payload as { determinationId: number };
    const [det] = await tx.select().from(determinations).where(eq(determinations.id, determinationId));
    if (!det || det.status !== 'proposed') return 'moot';
    await enqueue(writer(tx, deps), c.id, { type: 'channel', channel: 'approvals' }, {
      kind: 'approval_waiting', case: await caseView(tx, deps.policies, c), determinationId, proposedAt: formatShanghai(det.proposedAt),
    });
    return 'reminded';
  },
  async payment_reminder(tx, deps, d, c) {
    if (c.state !== 'collecting') return 'moot';
    const p = d.payload as { when: 'week_before' | 'due_today'; due: string };
    if (isStaleReminder(p.when, p.due, deps.clock.now())) return 'stale';
    const debt = (await caseDebts(tx, deps, c.partnerId, shanghaiDateOf(deps.clock.now()))).find((x) => x.caseId === c.id);
    if (!debt || !debt.outstanding.greaterThan(0)) return 'moot';
    await notifyPartner(writer(tx, deps), c.partnerId, c.id, { kind: 'payment_due', case: await caseView(tx, deps.policies, c), owed: formatAmount(debt.outstanding), due: p.due, when: p.when });
    return 'reminded';
  },
  // R-LATE: still owed after the term: late fees accrue and the late-payment restriction holds until paid.
  async payment_late(tx, deps, d, c) {
    if (c.state !== 'collecting') return 'moot';
    const now = deps.clock.now();
    const { due } = d.payload as { due: string };
    const debt = (await caseDebts(tx, deps, c.partnerId, shanghaiDateOf(now))).find((x) => x.caseId === c.id);
    if (!debt || !debt.outstanding.greaterThan(0)) return 'moot';
    await tx.insert(restrictions).values({ partnerId: c.partnerId, caseId: c.id, kind: 'late_payment', startsOn: addDays(due, 1), endsOn: null, rule: 'R-LATE §5.6' });
    await appendAudit(tx, { actor: 'system', action: 'case.payment_late', subject: c.id, payload: { due, outstanding: formatAmount(debt.outstanding) }, at: now });
    await notifyPartner(writer(tx, deps), c.partnerId, c.id, {
      kind: 'late_fee_accruing', case: await caseView(tx, deps.policies, c), owed: formatAmount(debt.outstanding), lateFee: formatAmount(debt.lateFee), since: addDays(due, 1),
    });
    await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'late_fee_reminder', dueAt: new Date(d.dueAt.getTime() + LATE_FEE_REMINDER_DAYS * 86_400_000), payload: { due } });
    return 'late';
  },
  async late_fee_reminder(tx, deps, d, c) {
    if (c.state !== 'collecting') return 'moot';
    const { due } = d.payload as { due: string };
    const debt = (await caseDebts(tx, deps, c.partnerId, shanghaiDateOf(deps.clock.now()))).find((x) => x.caseId === c.id);
    if (!debt) return 'moot';
    await notifyPartner(writer(tx, deps), c.partnerId, c.id, {
      kind: 'late_fee_accruing', case: await caseView(tx, deps.policies, c), owed: formatAmount(debt.outstanding), lateFee: formatAmount(debt.lateFee), since: addDays(due, 1),
    });
    await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'late_fee_reminder', dueAt: new Date(d.dueAt.getTime() + LATE_FEE_REMINDER_DAYS * 86_400_000), payload: { due } });
    return 'reminded';
  },
  async restriction_lift(tx, deps, d, c) {
    const p = d.payload as { kinds: string[]; on: string };
    await notifyPartner(writer(tx, deps), c.partnerId, c.id, { kind: 'restriction_lifted', case: await caseView(tx, deps.policies, c), kinds: p.kinds, on: p.on });
    return 'lifted';
  },
};

function writer(tx: Tx, deps: CaseDeps) {
  return { tx, clock: deps.clock, jobs: deps.jobs };
}

/**
 * Processes one deadline if it is due and still open. Safe to call twice or
 * from two workers: the row is locked and skipped by a second caller.
 */
export async function processDeadline(deps: CaseDeps, deadlineId: number): Promise<string | null> {
  return auditedTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const [d] = await tx
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.id, deadlineId), isNull(deadlines.doneAt), lte(deadlines.dueAt, now)))
      .for('update', { skipLocked: true });
    if (!d) return null;
    const handler = handlers[d.kind];
    let outcome = 'unknown_kind';
    // R-COMPLAINT: a complaint's deadlines name the complaint in their payload, not a case.
    const onComplaint = complaintDeadlineHandlers[d.kind];
    if (onComplaint) outcome = await onComplaint(tx, deps, d);
    else if (handler && d.caseId) outcome = await handler(tx, deps, d, await lockCase(tx, d.caseId));
    await tx.update(deadlines).set({ doneAt: now, outcome }).where(eq(deadlines.id, d.id));
    return outcome;
  });
}

/** The due-deadline query: open rows due by `now`, oldest first (served by `deadlines_open_due_idx`). */
export async function dueDeadlineIds(db: Tx | CaseDeps['db'], now: Date, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: deadlines.id })
    .from(deadlines)
    .where(and(isNull(deadlines.doneAt), lte(deadlines.dueAt, now)))
    .orderBy(asc(deadlines.dueAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * `cli sweep --now`: everything due by that instant, in due order, after an
 * outage or in place of a queue. Idempotent: processed rows are done.
 */
export async function sweepDeadlines(deps: CaseDeps): Promise<{ processed: number; outcomes: Record<string, number>; failed: { id: number; error: string }[] }> {
  const outcomes: Record<string, number> = {};
  const failed = new Map<number, string>();
  let processed = 0;
  for (;;) {
    const ids = await dueDeadlineIds(deps.db, deps.clock.now());
    if (ids.length === 0) break;
    let progressed = false;
    for (const id of ids) {
      let outcome: string | null;
      try {
        outcome = await processDeadline(deps, id);
      } catch (e) {
        // One broken deadline must not hold back the others; it stays open and is reported.
        failed.set(id, e instanceof Error ? e.message : String(e));
        continue;
      }
      if (outcome === null) continue;
      progressed = true;
      processed++;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    if (!progressed) break;
  }
  return { processed, outcomes, failed: [...failed].map(([id, error]) => ({ id, error })) };
}

