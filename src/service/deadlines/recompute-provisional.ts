import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { loadCalendarData } from '../../db/repositories/calendar.repository.ts';
import { cases, deadlines } from '../../db/schema/index.ts';
import { recomputeProvisionalDeadline, WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { deadlineReminders } from '../../domain/cases/reminders.ts';
import { endOfShanghaiDay, shanghaiDateOf, type LocalDate } from '../../domain/dates.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';
import { scheduleDeadline } from './schedule.ts';

/**
 * R-CALENDAR: once a year is loaded, provisional deadlines are counted again
 * on the real calendar; a deadline only ever moves later, never earlier.
 */
export async function recomputeProvisionalDeadlines(tx: Tx, deps: { clock: Clock; jobs: JobScheduler }): Promise<{ moved: number; settled: number }> {
  const calendar = new WorkingDayCalendar(await loadCalendarData(tx));
  const open = await tx.select().from(deadlines).where(and(eq(deadlines.provisional, true), isNull(deadlines.doneAt)));
  let moved = 0;
  let settled = 0;
  for (const d of open) {
    const p = d.payload as { from?: string; workingDays?: number };
    if (!p.from || !p.workingDays) continue;
    const again = calendar.deadline(p.from, p.workingDays);
    const day = recomputeProvisionalDeadline(shanghaiDateOf(d.dueAt), again.dueDay);
    const dueAt = endOfShanghaiDay(day);
    if (!again.provisional) settled++;
    if (dueAt.getTime() !== d.dueAt.getTime()) moved++;
    await tx.update(deadlines).set({ dueAt, provisional: again.provisional }).where(eq(deadlines.id, d.id));
    if (d.caseId && d.kind === 'reply_lapse') await tx.update(cases).set({ replyDueAt: dueAt, replyDueProvisional: again.provisional }).where(eq(cases.id, d.caseId));
    if (d.caseId && d.kind === 'objection_close') await tx.update(cases).set({ objectionDueAt: dueAt, objectionDueProvisional: again.provisional }).where(eq(cases.id, d.caseId));
    if (dueAt.getTime() !== d.dueAt.getTime()) {
      await deps.jobs.deadlinesDue(tx, [{ deadlineId: d.id, dueAt }]);
      if (d.caseId && (d.kind === 'reply_lapse' || d.kind === 'objection_close')) {
        await moveReminders(tx, deps, calendar, d.caseId, d.kind === 'reply_lapse' ? 'reply' : 'objection', day);
      }
    }
  }
  return { moved, settled };
}

/** The reminders of a moved deadline go with it, or they would say "due today" a day early. */
async function moveReminders(tx: Tx, deps: { clock: Clock; jobs: JobScheduler }, calendar: WorkingDayCalendar, caseId: string, which: 'reply' | 'objection', dueDay: LocalDate): Promise<void> {
  const now = deps.clock.now();
  const open = await tx.select().from(deadlines).where(and(eq(deadlines.caseId, caseId), eq(deadlines.kind, 'deadline_reminder'), isNull(deadlines.doneAt)));
  const mine = open.filter((r) => (r.payload as { deadline?: string }).deadline === which);
  if (mine.length > 0) await tx.update(deadlines).set({ doneAt: now, outcome: 'moved' }).where(inArray(deadlines.id, mine.map((r) => r.id)));
  for (const r of deadlineReminders(calendar, dueDay)) {
    if (r.at > now) await scheduleDeadline(tx, deps, { caseId, kind: 'deadline_reminder', dueAt: r.at, payload: { deadline: which, when: r.when } });
  }
}
