import { and, eq, inArray } from 'drizzle-orm';
import { assessmentReminders, roles } from '../../db/schema/index.ts';
import { assessmentReminderDueOn } from '../../domain/assessments/assessment-reminder.ts';
import { chatPlatforms, isChatPlatform } from '../../domain/notifications/notification.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { today } from '../clock.ts';
import { enqueue } from '../outbox/enqueue.ts';

export interface AssessmentReminderRun {
  /** The assessment month reminded of, or null when no reminder is due today. */
  month: string | null;
  /** Admins (Slack user ids) reminded by this run; an admin reminded before for the month is not again. */
  reminded: string[];
}

/**
 * R-ASSESS: on and after the reminder day of the next assessment month, a DM
 * to each admin (role admin), once per admin per month (`assessment_reminders`
 * is the key). Run daily by the job queue, and by `cli assessments remind`;
 * running it again the same day does nothing.
 */
export async function remindAdminsOfAssessments(deps: Pick<CaseDeps, 'db' | 'clock' | 'calendar' | 'jobs'>): Promise<AssessmentReminderRun> {
  const on = today(deps.clock);
  const due = assessmentReminderDueOn(on, await deps.calendar.get(deps.db));
  if (!due) return { month: null, reminded: [] };
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const admins = await tx
      .select({ platform: roles.platform, userId: roles.userId })
      .from(roles)
      .where(and(eq(roles.role, 'admin'), inArray(roles.platform, [...chatPlatforms])))
      .orderBy(roles.userId);
    if (admins.length === 0) return { month: due.month, reminded: [] };
    const fresh = await tx
      .insert(assessmentReminders)
      .values(admins.map((a) => ({ month: due.month, platform: a.platform, userId: a.userId, sentAt: now })))
      .onConflictDoNothing()
      .returning({ platform: assessmentReminders.platform, userId: assessmentReminders.userId });
    fresh.sort((a, b) => a.userId.localeCompare(b.userId));
    const reminded = fresh.map((r) => r.userId);
    for (const { platform, userId } of fresh) {
      if (!isChatPlatform(platform)) continue;
      await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, null, { type: 'user', platform, userId }, { kind: 'assessment_reminder', month: due.month, startsOn: due.startsOn, due: due.due });
    }
    if (reminded.length > 0) {
      await appendAudit(tx, { actor: 'system', action: 'assessment.reminded', subject: due.month, payload: { admins: reminded, remindOn: due.remindOn, rule: 'R-ASSESS' }, at: now });
    }
    return { month: due.month, reminded };
  });
}
