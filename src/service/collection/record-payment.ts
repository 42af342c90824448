import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { penaltyAccounts } from '../../db/repositories/ledger.repository.ts';
import { findPartner } from '../../db/repositories/partners.repository.ts';
import { cases, deadlines, ledgerEntries, restrictions } from '../../db/schema/index.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { lateFee } from '../../domain/collection/late-fee.ts';
import { parseLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatAmount, minMoney, money, parseAmount, sumMoney, type Money } from '../../domain/money.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { today } from '../clock.ts';
import { notifyPartner } from '../outbox/enqueue.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { caseView, lockCase, setCase, type CaseRecord } from '../cases/case-record.ts';
import { announceSuspensionLifted, notSuspended } from '../cases/suspension.ts';
import { runCommand } from '../cases/run-command.ts';

export interface PaymentInput {
  key: string;
  actor: Actor;
  partnerId: string;
  amount: string;
  on: string;
}

export interface PaymentResult {
  partnerId: string;
  paid: string;
  applied: { caseId: string; amount: string; owedAfter: string; closed: boolean }[];
}

export interface CaseDebt {
  caseId: string;
  outstanding: Money;
  lateFee: Money;
}

/** What each collecting case of the partner owes on a day: the rest of the penalty and its late fee (R-LATE). */
export async function caseDebts(tx: Tx, deps: CaseDeps, partnerId: string, on: LocalDate): Promise<CaseDebt[]> {
  const open = await tx.select({ id: cases.id, occurredOn: cases.occurredOn }).from(cases).where(and(eq(cases.partnerId, partnerId), eq(cases.state, 'collecting')));
  const openIds = new Map(open.map((c) => [c.id, c.occurredOn]));
  const accounts = (await penaltyAccounts(tx, partnerId, on)).filter((a) => openIds.has(a.caseId));
  const calendar = await deps.calendar.get(tx);
  return accounts.map((a) => {
    const r = lateFee(a.amount.minus(a.deducted), a.noticeDate, a.payments, on, policyInForce(deps.policies, openIds.get(a.caseId)!).params, calendar);
    return { caseId: a.caseId, outstanding: r.outstanding, lateFee: r.lateFeeOutstanding };
  });
}

/**
 * Finance records a payment (`cli ledger pay`): it settles the oldest
 * penalty first, its rest and then its late fee. A case fully paid closes,
 * its suspension and late-payment restriction lift.
 */
export async function recordPayment(deps: CaseDeps, input: PaymentInput): Promise<PaymentResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'payment.record', `${input.actor.userId}`);
  const amount = parseAmount(input.amount, 'The payment');
  if (!amount.greaterThan(0) || amount.decimalPlaces() > 2) throw new DomainError('payment.bad_amount', `A payment must be a positive amount in CNY with at most 2 decimals, got "${input.amount}".`);
  const on = parseLocalDate(input.on, 'The payment date');
  if (on > today(deps.clock)) throw new DomainError('payment.date_in_future', `The payment date ${on} is in the future.`);
  if (!(await findPartner(deps.db, input.partnerId))) throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`);
  return runCommand(deps, { key: input.key, action: 'payment.record', actor: access.key }, (tx) =>
    applyPayment(tx, deps, access.key, { partnerId: input.partnerId, amount, on, key: input.key }),
  );
}

/** One payment inside the caller's transaction (a CSV of payments is all or nothing). */
export async function applyPayment(
  tx: Tx,
  deps: CaseDeps,
  actorKey: string,
  input: { partnerId: string; amount: Money; on: LocalDate; key: string },
): Promise<PaymentResult> {
  const { amount, on } = input;
  const now = deps.clock.now();
  const debts = await caseDebts(tx, deps, input.partnerId, on);
  const total = sumMoney(debts.map((d) => d.outstanding.plus(d.lateFee)));
  if (amount.greaterThan(total)) {
    throw new DomainError('payment.exceeds_owed', `${input.partnerId} owes CNY ${formatAmount(total)} on ${on}; a payment of CNY ${formatAmount(amount)} is more than that.`);
  }
  let rest = money(amount);
  const applied: PaymentResult['applied'] = [];
  for (const d of debts) {
    if (!rest.greaterThan(0)) break;
    const owed = d.outstanding.plus(d.lateFee);
    const part = minMoney(rest, owed);
    rest = rest.minus(part);
    await tx.insert(ledgerEntries).values({
      partnerId: input.partnerId, entryDate: on, kind: 'penalty_payment', amount: formatAmount(part), entryKey: `pay:${input.key}:${d.caseId}`, caseId: d.caseId,
      note: `payment recorded by ${actorKey}`,
    });
    const owedAfter = owed.minus(part);
    // The penalty's rest is settled before its late fee.
    const outstandingAfter = d.outstanding.minus(part).isNegative() ? money(0) : d.outstanding.minus(part);
    const closed = !owedAfter.greaterThan(0);
    const c = await lockCase(tx, d.caseId);
    await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, input.partnerId, d.caseId, {
      kind: 'payment_recorded', case: await caseView(tx, deps.policies, c), paid: formatAmount(part),
      owed: formatAmount(outstandingAfter), lateFee: formatAmount(owedAfter.minus(outstandingAfter)),
    });
    // Told after the payment that settles it.
    if (closed) await closePaidCase(tx, deps, c, now);
    applied.push({ caseId: d.caseId, amount: formatAmount(part), owedAfter: formatAmount(owedAfter), closed });
  }
  await appendAudit(tx, { actor: actorKey, action: 'payment.recorded', subject: input.partnerId, payload: { amount: formatAmount(amount), on, applied }, at: now });
  return { partnerId: input.partnerId, paid: formatAmount(amount), applied };
}

/** Fully handled (R-SUSPEND, R-LATE): close, lift the suspension and the late-payment restriction. */
async function closePaidCase(tx: Tx, deps: CaseDeps, c: CaseRecord, now: Date): Promise<void> {
  const caseId = c.id;
  await setCase(tx, caseId, { state: 'closed', closedAt: now, ...notSuspended }, now);
  await tx.update(restrictions).set({ liftedAt: now }).where(and(eq(restrictions.caseId, caseId), eq(restrictions.kind, 'late_payment'), isNull(restrictions.liftedAt)));
  await tx
    .update(deadlines)
    .set({ doneAt: now, outcome: 'paid' })
    .where(and(eq(deadlines.caseId, caseId), isNull(deadlines.doneAt), inArray(deadlines.kind, ['payment_reminder', 'payment_late', 'late_fee_reminder'])));
  await appendAudit(tx, { actor: 'system', action: 'case.closed', subject: caseId, payload: { reason: 'paid' }, at: now });
  await announceSuspensionLifted(tx, deps, c, 'paid', 'system');
}
