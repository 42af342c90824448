import type { Tx } from '../../db/database.ts';
import { roles } from '../../db/schema/index.ts';
import { deadlineReminders } from '../../domain/cases/reminders.ts';
import { formatShanghai, shanghaiDateOf } from '../../domain/dates.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../audit/audit-trail.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';
import { scheduleDeadlines } from '../deadlines/schedule.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, setCase, type CaseRecord } from './case-record.ts';

/**
 * R-REPLY: tell the partner's contacts, and give them until 23:59:59 of the
 * 3rd working day after today (R-WORKDAY) to reply. The lapse and the
 * reminders are scheduled with it.
 */
export async function sendSuspectedViolationNotice(tx: Tx, deps: CaseDeps, c: CaseRecord, actor: string): Promise<{ replyDue: string; provisional: boolean }> {
  const now = deps.clock.now();
  const calendar = await deps.calendar.get(tx);
  const params = policyInForce(deps.policies, c.occurredOn).params;
  const from = shanghaiDateOf(now);
  const due = calendar.deadline(from, params.replyWorkingDays);
  await setCase(tx, c.id, { state: 'awaiting_reply', noticeSentAt: now, replyDueAt: due.due, replyDueProvisional: due.provisional }, now);
  await scheduleDeadlines(tx, deps, [
    { caseId: c.id, kind: 'reply_lapse', dueAt: due.due, provisional: due.provisional, payload: { from, workingDays: params.replyWorkingDays } },
    ...deadlineReminders(calendar, due.dueDay)
      .filter((r) => r.at > now)
      .map((r) => ({ caseId: c.id, kind: 'deadline_reminder' as const, dueAt: r.at, payload: { deadline: 'reply', when: r.when } })),
  ]);
  const view = await caseView(tx, deps.policies, c);
  const w = { tx, clock: deps.clock, jobs: deps.jobs };
  await notifyPartner(w, c.partnerId, c.id, { kind: 'suspected_violation', case: view, replyDue: formatShanghai(due.due), provisional: due.provisional, suspended: c.suspended });
  if (due.provisional) await warnAdminsOfProvisional(tx, deps, c.id, due.unloadedYears, formatShanghai(due.due));
  await appendAudit(tx, { actor, action: 'case.notice_sent', subject: c.id, payload: { replyDue: formatShanghai(due.due), provisional: due.provisional }, at: now });
  return { replyDue: formatShanghai(due.due), provisional: due.provisional };
}

/** R-CALENDAR: a deadline counted on weekends alone is provisional, and the admins are told. */
export async function warnAdminsOfProvisional(tx: Tx, deps: CaseDeps, caseId: string, years: number[], due: string): Promise<void> {
  const admins = await tx.select({ platform: roles.platform, userId: roles.userId }).from(roles).where(eq(roles.role, 'admin'));
  for (const a of admins) {
    if (a.platform === 'slack') await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, caseId, { type: 'user', userId: a.userId }, { kind: 'calendar_provisional', years, caseId, due });
  }
}
