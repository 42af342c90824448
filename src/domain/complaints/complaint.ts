import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { atShanghai, type LocalDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { REMINDER_TIME, type Reminder } from '../cases/reminders.ts';

/**
 * R-COMPLAINT (§7.2): a partner's complaint against the vendor is recorded and
 * answered like any case, without sanctions. Its life is short: filed, then
 * answered by staff, or withdrawn by the partner. Both ends are final.
 */
export const complaintStates = ['filed', 'answered', 'withdrawn'] as const;
export type ComplaintState = (typeof complaintStates)[number];

export type ComplaintStep = 'answer' | 'withdraw';

const next: Record<ComplaintStep, { from: ComplaintState; to: ComplaintState }> = {
  answer: { from: 'filed', to: 'answered' },
  withdraw: { from: 'filed', to: 'withdrawn' },
};

/** The state a step leads to; a step on a complaint already closed is refused with the state it is in. */
export function stepComplaint(state: ComplaintState, step: ComplaintStep, id: string): ComplaintState {
  const t = next[step];
  if (state !== t.from) {
    throw new DomainError('complaint.closed', `Complaint ${id} is already ${state}; it cannot be ${step === 'answer' ? 'answered' : 'withdrawn'} (R-COMPLAINT).`, { complaintId: id, state, step });
  }
  return t.to;
}

export function isOpenComplaint(state: ComplaintState): boolean {
  return state === 'filed';
}

/**
 * **Reading (R-COMPLAINT, a RULES.md gap):** RULES.md and §7.2 name no period
 * for answering a complaint. "Answered like any case" is read as: within a
 * fixed number of working days (R-WORKDAY), counted as a reply window is
 * (from the day after filing, until 23:59:59 of the last day). Ten working
 * days: longer than a partner's 3 (R-REPLY), because the vendor must look
 * into its own conduct. A named constant, not a policy parameter, until the
 * policy names one.
 */
export const COMPLAINT_ANSWER_WORKING_DAYS = 10;

/** Ids as staff quote them: `C-000001`. */
export function complaintIdOf(n: number): string {
  return `C-${String(n).padStart(6, '0')}`;
}

/** Subject and text limits, as a modal's inputs can enforce them. */
export const COMPLAINT_SUBJECT_MAX = 150;
export const COMPLAINT_TEXT_MAX = 3000;
export const COMPLAINT_ANSWER_MAX = 3000;

/**
 * Staff are reminded one working day before the answer is due, on the
 * morning of that day; when the day is over unanswered, admins are told
 * (the escalation), at the lapse itself.
 */
export function complaintReminders(calendar: WorkingDayCalendar, dueDay: LocalDate, dueAt: Date): Reminder<'day_before' | 'lapsed'>[] {
  return [
    { when: 'day_before', at: atShanghai(calendar.previousWorkingDay(dueDay), REMINDER_TIME) },
    { when: 'lapsed', at: dueAt },
  ];
}
