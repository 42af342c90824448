import type { Tx } from '../../db/database.ts';
import { deadlineReminders } from '../../domain/cases/reminders.ts';
import { formatShanghai, shanghaiDateOf } from '../../domain/dates.ts';
import type { DecisionView } from '../../domain/notifications/notification.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { cancelDeadlines, scheduleDeadline } from '../deadlines/schedule.ts';
import { notifyPartner } from '../outbox/enqueue.ts';
import type { CaseDeps } from './case-deps.ts';
import { caseView, setCase, type CaseRecord } from './case-record.ts';
import { recordSanction } from './sanction-record.ts';
import { warnAdminsOfProvisional } from './suspected-violation-notice.ts';

/**
 * R-NOTICE: the approved sanction (class after cascade, penalty,
 * restrictions, termination) is sent today, with its explanation, and the
 * partner has 3 working days to object. R-DETERMINE: it is the decision the
 * approver approved, never judged again here.
 */
export async function sendProcessingNotice(tx: Tx, deps: CaseDeps, c: CaseRecord, approved: DecisionView, actor: string): Promise<void> {
  const now = deps.clock.now();
  const noticeDate = shanghaiDateOf(now);
  const decision = await recordSanction(tx, deps, c, { itemId: c.itemId, decision: approved, noticeDate });
  const calendar = await deps.calendar.get(tx);
  const params = policyInForce(deps.policies, c.occurredOn).params;
  const due = calendar.deadline(noticeDate, params.objectionWorkingDays);
  await setCase(tx, c.id, { state: 'awaiting_objection', processingNoticeDate: noticeDate, objectionDueAt: due.due, objectionDueProvisional: due.provisional, decision }, now);
  // A fast-tracked case no longer waits for its reply (R-DETERMINE).
  await cancelDeadlines(tx, c.id, ['reply_lapse', 'deadline_reminder'], now);
  await scheduleDeadline(tx, deps, {
    caseId: c.id, kind: 'objection_close', dueAt: due.due, provisional: due.provisional,
    payload: { from: noticeDate, workingDays: params.objectionWorkingDays },
  });
  for (const r of deadlineReminders(calendar, due.dueDay)) {
    if (r.at > now) await scheduleDeadline(tx, deps, { caseId: c.id, kind: 'deadline_reminder', dueAt: r.at, payload: { deadline: 'objection', when: r.when } });
  }
  await notifyPartner({ tx, clock: deps.clock, jobs: deps.jobs }, c.partnerId, c.id, {
    kind: 'processing_notice', case: await caseView(tx, deps.policies, c), decision, objectionDue: formatShanghai(due.due), provisional: due.provisional, noticeDate,
  });
  if (due.provisional) await warnAdminsOfProvisional(tx, deps, c.id, due.unloadedYears, formatShanghai(due.due));
  await appendAudit(tx, {
    actor, action: 'case.processing_notice', subject: c.id,
    payload: { noticeDate, finalClass: decision.finalClass, amount: decision.amount, terminated: decision.terminated, objectionDue: formatShanghai(due.due) },
    at: now,
  });
}
