import { addDays, type LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { dayAfterPeriod } from '../period.ts';

/** A partner's standing (mirrors partners.status). */
type PartnerStatus = 'active' | 'terminated' | 'exited';

/** The four ways a partner's qualification ends (§6, R-EXIT-*). */
export const exitKinds = ['expiry', 'renewal', 'removal', 'voluntary'] as const;
export type ExitKind = (typeof exitKinds)[number];

export const EXIT_RULE: Record<ExitKind, string> = {
  expiry: 'R-EXIT-EXPIRY',
  renewal: 'R-EXIT-RENEWAL',
  removal: 'R-EXIT-REMOVAL',
  voluntary: 'R-EXIT-VOLUNTARY',
};

export interface ContractTerm {
  startsOn: LocalDate;
  /** The contract's last day, inclusive. */
  endsOn: LocalDate;
  /** The date a renewal notice set for the renewal to be completed by, if any. */
  renewalNoticeOn: LocalDate | null;
}

export interface ExitApplication {
  appliedOn: LocalDate;
  requestedEndOn: LocalDate;
  agreementOn: LocalDate;
  checklist: readonly { item: string; done: boolean }[];
}

export interface ExitFacts {
  status: PartnerStatus;
  contracts: readonly ContractTerm[];
  /** The formal-decision day of a class-1 termination (R-P1), if any. */
  termination: { caseId: string; decidedOn: LocalDate } | null;
  application: ExitApplication | null;
}

export interface ExitDue {
  kind: ExitKind;
  rule: string;
  /** The first day the partner is no longer a partner. */
  endsOn: LocalDate;
  /** What the exit rests on, for the audit and the notice. */
  basis: string;
}

/**
 * R-EXIT-VOLUNTARY: the earliest day a voluntary exit may take effect. The
 * month of notice is counted by R-PERIOD from the application day (not
 * counted) and must have fully run: applied 2026-01-15 → the month ends
 * 2026-02-15 at 24:00 → the earliest end is 2026-02-16.
 */
export function earliestVoluntaryEnd(appliedOn: LocalDate): LocalDate {
  return dayAfterPeriod(appliedOn, { months: 1 });
}

/**
 * R-EXIT-VOLUNTARY: throws a coded error when the application cannot end
 * the qualification: under a month's notice (`exit.notice_too_short`), the
 * customer-placement checklist empty or not done (`exit.checklist_incomplete`),
 * or the agreement before the requested end (`exit.agreement_before_end`).
 */
export function checkExitApplication(a: ExitApplication): void {
  const earliest = earliestVoluntaryEnd(a.appliedOn);
  if (a.requestedEndOn < earliest)
    throw new DomainError('exit.notice_too_short', `A voluntary exit needs 1 month's written notice (R-EXIT-VOLUNTARY, R-PERIOD): applied on ${a.appliedOn}, the earliest end is ${earliest}, not ${a.requestedEndOn}.`, { earliest, field: 'end' });
  if (a.agreementOn < a.requestedEndOn)
    throw new DomainError('exit.agreement_before_end', `The termination agreement date ${a.agreementOn} is before the requested end ${a.requestedEndOn} (R-EXIT-VOLUNTARY).`, { field: 'agreement' });
  const open = a.checklist.filter((c) => !c.done).map((c) => c.item);
  if (a.checklist.length === 0 || open.length > 0)
    throw new DomainError('exit.checklist_incomplete', `The customer placement checklist must be complete before a voluntary exit (R-EXIT-VOLUNTARY): ${a.checklist.length === 0 ? 'it has no items' : `not done: ${open.join(', ')}`}.`, { open, field: 'checklist' });
}

/** R-EXIT-EXPIRY / R-EXIT-RENEWAL: the end the latest contract term sets, if it is not renewed. */
function contractEnd(contracts: readonly ContractTerm[]): ExitDue | null {
  if (contracts.length === 0) return null;
  // A later term is the renewal; only the latest term can end without one.
  const last = [...contracts].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1)).at(-1)!;
  if (last.renewalNoticeOn) {
    // The notified date is the last day to renew (it ends at 24:00, R-PERIOD art. 203);
    // the termination notice can only follow on the next day, and the qualification ends then.
    return { kind: 'renewal', rule: EXIT_RULE.renewal, endsOn: addDays(last.renewalNoticeOn, 1), basis: `renewal not completed by ${last.renewalNoticeOn} (contract ${last.startsOn} … ${last.endsOn})` };
  }
  return { kind: 'expiry', rule: EXIT_RULE.expiry, endsOn: addDays(last.endsOn, 1), basis: `contract ${last.startsOn} … ${last.endsOn} ended without renewal` };
}

/**
 * §6, R-EXIT-*: the exit in force on `day`, or null while the partner is
 * still a partner. Of several exits the earliest wins (it ended the
 * qualification first); an exited partner has nothing left to end.
 */
export function exitDue(f: ExitFacts, day: LocalDate): ExitDue | null {
  if (f.status === 'exited') return null;
  const candidates: ExitDue[] = [];
  const byContract = contractEnd(f.contracts);
  if (byContract) candidates.push(byContract);
  if (f.termination) candidates.push({ kind: 'removal', rule: EXIT_RULE.removal, endsOn: f.termination.decidedOn, basis: `class-1 termination in case ${f.termination.caseId}` });
  if (f.application) {
    checkExitApplication(f.application);
    candidates.push({ kind: 'voluntary', rule: EXIT_RULE.voluntary, endsOn: f.application.agreementOn, basis: `voluntary exit applied on ${f.application.appliedOn}, termination agreement in force on ${f.application.agreementOn}` });
  }
  const due = candidates.filter((c) => c.endsOn <= day).sort((a, b) => (a.endsOn < b.endsOn ? -1 : a.endsOn > b.endsOn ? 1 : 0));
  return due[0] ?? null;
}
