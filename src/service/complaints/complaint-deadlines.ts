import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { roles, type DeadlineRow } from '../../db/schema/index.ts';
import { isOpenComplaint } from '../../domain/complaints/complaint.ts';
import { isStaleReminder } from '../../domain/cases/reminders.ts';
import { shanghaiDateOf } from '../../domain/dates.ts';
import { isChatPlatform } from '../../domain/notifications/notification.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { complaintView, lockComplaint } from './complaint-record.ts';

type ComplaintHandler = (tx: Tx, deps: CaseDeps, d: DeadlineRow) => Promise<string>;

/**
 * R-COMPLAINT's deadlines, as a case's are: each re-reads the complaint and
 * does nothing once it is answered or withdrawn.
 */
export const complaintDeadlineHandlers: Record<string, ComplaintHandler> = {
  // The working day before the answer is due: the approvals channel (staff) is reminded.
  async complaint_reminder(tx, deps, d) {
    const c = await lockComplaint(tx, (d.payload as { complaintId: string }).complaintId);
    if (!isOpenComplaint(c.state)) return 'moot';
    if (isStaleReminder('day_before', shanghaiDateOf(c.answerDueAt), deps.clock.now())) return 'stale';
    await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, null, { type: 'channel', channel: 'approvals' }, { kind: 'complaint_reminder', complaint: complaintView(c), when: 'day_before' });
    return 'reminded';
  },
  // The answer is past due: escalated to each admin, and audited.
  async complaint_lapse(tx, deps, d) {
    const c = await lockComplaint(tx, (d.payload as { complaintId: string }).complaintId);
    if (!isOpenComplaint(c.state)) return 'moot';
    const admins = await tx.select({ platform: roles.platform, userId: roles.userId }).from(roles).where(eq(roles.role, 'admin'));
    const w = { tx, clock: deps.clock, jobs: deps.jobs };
    for (const a of admins) {
      if (isChatPlatform(a.platform)) await enqueue(w, null, { type: 'user', platform: a.platform, userId: a.userId }, { kind: 'complaint_reminder', complaint: complaintView(c), when: 'lapsed' });
    }
    await appendAudit(tx, { actor: 'system', action: 'complaint.lapsed', subject: c.id, payload: { due: complaintView(c).answerDue, admins: admins.length }, at: deps.clock.now() });
    return 'escalated';
  },
};
