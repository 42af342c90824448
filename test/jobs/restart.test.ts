import { and, eq, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { deadlines } from '../../src/db/schema/index.ts';
import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import { findCase } from '../../src/service/cases/case-record.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import { caseWorld, key, OFFICER } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { deadlineOf, reopenable, shiftedClock, startTestJobs, waitFor } from './job-fixtures.ts';

const MONDAY_10H = '2026-06-01T02:00:00Z';
const report = { actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] };

describeEachBackend('no deadline is lost when the app restarts', (getDb) => {
  const open = async (): Promise<{ reopen: () => Promise<Database>; url?: string; cleanup: () => Promise<void> }> => {
    const d = getDb();
    const r = await reopenable(d.backend, d);
    return { reopen: r.open, url: r.url, cleanup: r.cleanup };
  };

  it('a wake-up still pending when the app stops fires after it starts again', async () => {
    const data = await open();
    try {
      const first = await data.reopen();
      const w = await caseWorld(first, MONDAY_10H);
      const r = await reportViolation(w.cases, { key: key(), ...report });
      const lapse = await deadlineOf(w.db, r.caseId, 'reply_lapse');
      const clock = shiftedClock(MONDAY_10H);
      const jobs1 = await startTestJobs(first, { ...w.cases, clock }, new RecordingNotifier(), { sweep: false }, data.url);
      clock.jump(new Date(lapse.dueAt.getTime() - 4000));
      await first.db.transaction((tx) => jobs1.scheduler.deadlinesDue(tx, [{ deadlineId: lapse.id, dueAt: lapse.dueAt }]));
      await jobs1.stop();
      await first.close();

      // A new process on the same data, before the window closes.
      const second = await data.reopen();
      try {
        expect((await findCase(second.db, r.caseId))?.state).toBe('awaiting_reply');
        const jobs2 = await startTestJobs(second, { db: second.db, policies: w.policies, clock, calendar: new CalendarCache() }, new RecordingNotifier(), { sweep: false }, data.url);
        try {
          await waitFor('the reply to lapse after the restart', async () => (await findCase(second.db, r.caseId))?.state === 'awaiting_determination', 15_000);
          expect((await deadlineOf(second.db, r.caseId, 'reply_lapse')).outcome).toBe('lapsed');
        } finally {
          await jobs2.stop();
        }
      } finally {
        await second.close();
      }
    } finally {
      await data.cleanup();
    }
  });

  it('deadlines that fell due while the app was down are processed as soon as it starts again', async () => {
    const data = await open();
    try {
      const first = await data.reopen();
      const w = await caseWorld(first, MONDAY_10H);
      const clock = shiftedClock(MONDAY_10H);
      const jobs1 = await startTestJobs(first, { ...w.cases, clock }, new RecordingNotifier(), {}, data.url);
      const r = await reportViolation({ ...w.cases, clock, jobs: jobs1.scheduler }, { key: key(), ...report });
      const lapse = await deadlineOf(w.db, r.caseId, 'reply_lapse');
      await jobs1.stop();
      await first.close();

      // Down from Monday until after the reply window closed on Thursday night.
      clock.jump(new Date(lapse.dueAt.getTime() + 60_000));
      const second = await data.reopen();
      try {
        const notifier = new RecordingNotifier();
        const jobs2 = await startTestJobs(second, { db: second.db, policies: w.policies, clock, calendar: new CalendarCache() }, notifier, {}, data.url);
        try {
          await waitFor('the reply to lapse after the restart', async () => (await findCase(second.db, r.caseId))?.state === 'awaiting_determination', 15_000);
          const open = await second.db.select().from(deadlines).where(and(eq(deadlines.caseId, r.caseId), isNull(deadlines.doneAt)));
          expect(open).toEqual([]);
          const done = await second.db.select().from(deadlines).where(eq(deadlines.caseId, r.caseId));
          // Back after the window closed: the reminders would only mislead now, so they are settled unsent.
          expect(done.map((d) => `${d.kind}:${d.outcome}`).sort()).toEqual(['deadline_reminder:stale', 'deadline_reminder:stale', 'reply_lapse:lapsed']);
          // The officer hears of the lapse through the outbox, delivered by the restarted workers.
          await waitFor('the lapse to be told', async () => notifier.sent.some((m) => m.notification.kind === 'reply_recorded'), 15_000);
        } finally {
          await jobs2.stop();
        }
      } finally {
        await second.close();
      }
    } finally {
      await data.cleanup();
    }
  });
});
