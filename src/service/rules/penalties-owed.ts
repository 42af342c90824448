import { lateFee } from '../../domain/collection/late-fee.ts';
import { addDays, type LocalDate } from '../../domain/dates.ts';
import type { Money } from '../../domain/money.ts';
import type { PolicyParams } from '../../domain/policy/policy-version.ts';
import type { LatePenalty } from '../../domain/requests/partner-request.ts';
import { penaltyAccounts } from '../../db/repositories/ledger.repository.ts';
import type { RulesDeps } from './rules-deps.ts';

export interface OwedPenalty {
  caseId: string;
  dueDate: LocalDate;
  outstanding: Money;
  /** Accrued and not yet paid (R-LATE). */
  lateFee: Money;
}

/** What the partner still owes on the day, per case, with the late fee accrued by then (R-LATE). */
export async function penaltiesOwed(deps: Pick<RulesDeps, 'db' | 'calendar'>, partnerId: string, on: LocalDate, params: PolicyParams): Promise<OwedPenalty[]> {
  const [accounts, calendar] = await Promise.all([penaltyAccounts(deps.db, partnerId, on), deps.calendar.get(deps.db)]);
  return accounts
    .map((a) => {
      const r = lateFee(a.amount.minus(a.deducted), a.noticeDate, a.payments, on, params, calendar);
      return { caseId: a.caseId, dueDate: r.dueDate, outstanding: r.outstanding, lateFee: r.lateFeeOutstanding };
    })
    .filter((o) => o.outstanding.greaterThan(0) || o.lateFee.greaterThan(0));
}

/** R-LATE: what is still owed after its last day to pay restricts the partner from the day after, until paid. */
export function latePenalties(owed: readonly OwedPenalty[], on: LocalDate): LatePenalty[] {
  return owed.filter((o) => o.dueDate < on).map((o) => ({ caseId: o.caseId, lateSince: addDays(o.dueDate, 1) }));
}
