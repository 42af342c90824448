import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseReplies } from '../../src/db/schema/index.ts';
import { wakeAt } from '../../src/jobs/pg-boss-jobs.ts';
import { findCase } from '../../src/service/cases/case-record.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { fixedClock } from '../../src/service/clock.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import { caseWorld, key, OFFICER } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { deadlineOf, shiftedClock, startTestJobs, waitFor } from './job-fixtures.ts';

describeEachBackend('a deadline wakes its worker by itself', (getDb) => {
  it('a reply window ending two seconds from now lapses on its own, not before it ends', async () => {
    const database = getDb();
    const w = await caseWorld(database, '2026-06-01T02:00:00Z'); // Monday 10:00 in Shanghai
    const r = await reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    const lapse = await deadlineOf(w.db, r.caseId, 'reply_lapse');
    expect(lapse.dueAt.toISOString()).toBe('2026-06-04T15:59:59.000Z');

    // Thursday 23:59:57 in Shanghai, and running: the app is up when the window closes.
    const clock = shiftedClock(new Date(lapse.dueAt.getTime() - 2000));
    const jobs = await startTestJobs(database, { ...w.cases, clock }, new RecordingNotifier(), { sweep: false });
    try {
      await w.db.transaction((tx) => jobs.scheduler.deadlinesDue(tx, [{ deadlineId: lapse.id, dueAt: lapse.dueAt }]));
      expect((await findCase(w.db, r.caseId))?.state).toBe('awaiting_reply');

      await waitFor('the reply to lapse', async () => (await findCase(w.db, r.caseId))?.state === 'awaiting_determination', 15_000);
      const done = await deadlineOf(w.db, r.caseId, 'reply_lapse');
      expect(done.outcome).toBe('lapsed');
      expect(done.doneAt!.getTime()).toBeGreaterThanOrEqual(lapse.dueAt.getTime());
      const replies = await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, r.caseId));
      expect(replies.map((x) => x.kind)).toEqual(['lapse']);
    } finally {
      await jobs.stop();
    }
  });

  it('a job that wakes before its deadline is due by the service clock goes back to sleep and fires when it is', async () => {
    const database = getDb();
    const w = await caseWorld(database, '2026-06-01T02:00:00Z');
    const r = await reportViolation(w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    const lapse = await deadlineOf(w.db, r.caseId, 'reply_lapse');
    const clock = shiftedClock(new Date(lapse.dueAt.getTime() - 2000));
    const jobs = await startTestJobs(database, { ...w.cases, clock }, new RecordingNotifier(), { sweep: false });
    try {
      // A wake-up sent for "now" (as when a deadline moved later, or the clocks disagree).
      await jobs.boss.send('deadline', { deadlineId: lapse.id });
      await new Promise((res) => setTimeout(res, 1200));
      expect((await findCase(w.db, r.caseId))?.state).toBe('awaiting_reply');
      await waitFor('the reply to lapse', async () => (await findCase(w.db, r.caseId))?.state === 'awaiting_determination', 15_000);
      expect((await deadlineOf(w.db, r.caseId, 'reply_lapse')).doneAt!.getTime()).toBeGreaterThanOrEqual(lapse.dueAt.getTime());
    } finally {
      await jobs.stop();
    }
  });
});

it('a wake-up waits, by the wall clock, as long as the deadline is away by the service clock', () => {
  const clock = fixedClock('2026-06-01T02:00:00Z');
  const wall = Date.parse('2026-11-26T00:00:00Z');
  expect(wakeAt(clock, new Date('2026-06-01T02:00:05Z'), wall).toISOString()).toBe('2026-11-26T00:00:05.000Z');
  expect(wakeAt(clock, new Date('2026-05-01T00:00:00Z'), wall).toISOString()).toBe('2026-11-26T00:00:00.000Z');
});
