import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { roles, type CaseRow } from '../../db/schema/index.ts';
import type { Deadline, WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { deadlineReminders } from '../../domain/cases/reminders.ts';
import { formatShanghai, shanghaiDateOf, type LocalDate } from '../../domain/dates.ts';
import { isChatPlatform, type CaseView } from '../../domain/notifications/notification.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { scheduleDeadlines } from '../deadlines/schedule.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, setCase, type CaseFacts, type CaseRecord } from './case-record.ts';

/** R-REPLY: a notice sent now, and the partner's time to reply to it. */
export interface ReplyWindow {
  sentAt: Date;
  from: LocalDate;
  workingDays: number;
  calendar: WorkingDayCalendar;
  due: Deadline;
}

/** Until 23:59:59 of the 3rd working day after today (R-WORKDAY), for a violation on `occurredOn`. */
export async function replyWindow(tx: Tx, deps: CaseDeps, occurredOn: LocalDate): Promise<ReplyWindow> {
  const sentAt = deps.clock.now();
  const calendar = await deps.calendar.get(tx);
  const workingDays = policyInForce(deps.policies, occurredOn).params.replyWorkingDays;
  const from = shanghaiDateOf(sentAt);
  return { sentAt, from, workingDays, calendar, due: calendar.deadline(from, workingDays) };
}

/** The case's columns once the notice is out. */
export function noticeSent(w: ReplyWindow): Pick<CaseRow, 'state' | 'noticeSentAt' | 'replyDueAt' | 'replyDueProvisional'> {
  return { state: 'awaiting_reply', noticeSentAt: w.sentAt, replyDueAt: w.due.due, replyDueProvisional: w.due.provisional };
}

/** Staff send the notice on a case already filed (a partner's report they have vetted). */
export async function sendSuspectedViolationNotice(tx: Tx, deps: CaseDeps, c: CaseRecord, actor: string): Promise<{ replyDue: string; provisional: boolean }> {
  const w = await replyWindow(tx, deps, c.occurredOn);
  await setCase(tx, c.id, noticeSent(w), w.sentAt);
  return announceSuspectedViolation(tx, deps, c, w, actor, await caseView(tx, deps.policies, c));
}

/**
 * R-REPLY: tell the partner's contacts, and schedule the lapse and the
 * reminders, for a case whose columns already say the notice is out
 * (`noticeSent`). The writes are independent and go out together.
 */
export async function announceSuspectedViolation(tx: Tx, deps: CaseDeps, c: CaseFacts, w: ReplyWindow, actor: string, view: CaseView): Promise<{ replyDue: string; provisional: boolean }> {
  const { due } = w;
  const replyDue = formatShanghai(due.due);
  await Promise.all([
    scheduleDeadlines(tx, deps, [
      { caseId: c.id, kind: 'reply_lapse', dueAt: due.due, provisional: due.provisional, payload: { from: w.from, workingDays: w.workingDays } },
      ...deadlineReminders(w.calendar, due.dueDay)
        .filter((r) => r.at > w.sentAt)
        .map((r) => ({ caseId: c.id, kind: 'deadline_reminder' as const, dueAt: r.at, payload: { deadline: 'reply', when: r.when } })),
    ]),
    notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, c.partnerId, c.id, { kind: 'suspected_violation', case: view, replyDue, provisional: due.provisional, suspended: c.suspended }),
    due.provisional ? warnAdminsOfProvisional(tx, deps, c.id, due.unloadedYears, replyDue) : undefined,
  ]);
  await appendAudit(tx, { actor, action: 'case.notice_sent', subject: c.id, payload: { replyDue, provisional: due.provisional }, at: w.sentAt });
  return { replyDue, provisional: due.provisional };
}

/** R-CALENDAR: a deadline counted on weekends alone is provisional, and the admins are told. */
export async function warnAdminsOfProvisional(tx: Tx, deps: CaseDeps, caseId: string, years: number[], due: string): Promise<void> {
  const admins = await tx.select({ platform: roles.platform, userId: roles.userId }).from(roles).where(eq(roles.role, 'admin'));
  for (const a of admins) {
    if (isChatPlatform(a.platform)) await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, caseId, { type: 'user', platform: a.platform, userId: a.userId }, { kind: 'calendar_provisional', years, caseId, due });
  }
}
