import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { ledgerSummary } from '../../db/repositories/ledger.repository.ts';
import { ledgerEntries, partners, sanctions } from '../../db/schema/index.ts';
import { deductPenalty } from '../../domain/collection/deduction.ts';
import { paymentDueDate } from '../../domain/collection/late-fee.ts';
import { paymentReminders } from '../../domain/cases/reminders.ts';
import { addDays, atShanghai, shanghaiDateOf } from '../../domain/dates.ts';
import { formatAmount, money } from '../../domain/money.ts';
import { publicDecision, type DecisionView } from '../../domain/notifications/notification.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { scheduleDeadline } from '../deadlines/schedule.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import { tellReporter } from './case-audiences.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, setCase, type CaseRecord } from './case-record.ts';
import { announceSuspensionLifted, notSuspended } from './suspension.ts';

/**
 * R-DECISION: the objection window is closed and any objection answered, so
 * the formal decision is issued and published (通报). R-DEDUCT: the penalty
 * is taken from the deposit, then prepayments, then unpaid service fees; what
 * is left is owed, due 3 months after the notice date (R-LATE).
 */
export async function issueFormalDecision(tx: Tx, deps: CaseDeps, c: CaseRecord, actor: string): Promise<void> {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now);
  const noticeDate = c.processingNoticeDate!;
  const [sanction] = await tx.select().from(sanctions).where(eq(sanctions.caseId, c.id));
  const amount = money(sanction!.amount);
  const balances = await ledgerSummary(tx, c.partnerId, today);
  const d = deductPenalty(amount, balances);
  const parts = [['deposit', d.deposit], ['prepayment', d.prepayment], ['service_fee_unpaid', d.serviceFee]] as const;
  for (const [kind, part] of parts) {
    if (part.greaterThan(0)) {
      await tx.insert(ledgerEntries).values({
        partnerId: c.partnerId, entryDate: today, kind, amount: formatAmount(part.negated()), entryKey: `deduct:${c.id}:${kind}`, caseId: c.id,
        note: `R-DEDUCT penalty of case ${c.id}`,
      });
    }
  }
  const params = policyInForce(deps.policies, c.occurredOn).params;
  const due = paymentDueDate(noticeDate, params, await deps.calendar.get(tx));
  // R-P2/R-P3: the formal decision is the announcement (处分公告); validity is counted from today.
  await tx.update(sanctions).set({ announcedOn: today }).where(eq(sanctions.caseId, c.id));
  if (sanction!.terminated) await tx.update(partners).set({ status: 'terminated', updatedAt: now }).where(eq(partners.id, c.partnerId));
  const owed = d.owed.greaterThan(0);
  await setCase(tx, c.id, owed ? { state: 'collecting', decidedAt: now } : { state: 'closed', decidedAt: now, closedAt: now, ...notSuspended }, now);
  if (owed) {
    for (const r of paymentReminders(due)) {
      if (r.at > now) await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'payment_reminder', dueAt: r.at, payload: { when: r.when, due } });
    }
    await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'payment_late', dueAt: atShanghai(addDays(due, 1), '00:00'), payload: { due } });
  }
  const decision = c.decision as DecisionView;
  for (const until of new Set(decision.restrictions.map((r) => r.until).filter((u): u is string => u !== null))) {
    const kinds = decision.restrictions.filter((r) => r.until === until).map((r) => r.kind);
    await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'restriction_lift', dueAt: atShanghai(until, '00:00'), payload: { kinds, on: until } });
  }
  const view = await caseView(tx, deps.policies, c);
  const w = { tx, clock: deps.clock, jobs: deps.jobs };
  await notifyPartner(w, c.partnerId, c.id, { kind: 'formal_decision', case: view, decision, noticeDate, paymentDue: due, owed: formatAmount(d.owed) });
  await enqueue(w, c.id, { type: 'channel', channel: 'notices' }, { kind: 'public_notice', case: view, decision, noticeDate });
  await tellReporter(w, { ...c, decidedAt: now }, { kind: 'report_outcome', case: view, established: true, decision: publicDecision(decision), noticeDate });
  // R-SUSPEND: deducted in full, the decision is paid; the case is handled.
  if (!owed) await announceSuspensionLifted(tx, deps, c, 'paid', actor);
  await appendAudit(tx, {
    actor, action: 'case.formal_decision', subject: c.id,
    payload: { deposit: formatAmount(d.deposit), prepayment: formatAmount(d.prepayment), serviceFee: formatAmount(d.serviceFee), owed: formatAmount(d.owed), paymentDue: due },
    at: now,
  });
}
