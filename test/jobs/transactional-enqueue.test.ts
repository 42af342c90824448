import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { deadlines, outbox } from '../../src/db/schema/index.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { scheduleDeadline } from '../../src/service/deadlines/schedule.ts';
import { enqueue } from '../../src/service/outbox/enqueue.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import { caseWorld, key, OFFICER } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { startTestJobs } from './job-fixtures.ts';

describeEachBackend('jobs are enqueued in the transaction of the step that causes them', (getDb) => {
  it('a step that rolls back leaves no deadline, no outbox row and no job; the same step committed leaves all three', async () => {
    const database = getDb();
    const w = await caseWorld(database);
    // No workers: the jobs stay queued where the test can see them.
    const jobs = await startTestJobs(database, w.cases, new RecordingNotifier(), { workers: false });
    try {
      const step = (fail: boolean) =>
        database.db.transaction(async (tx) => {
          const writer = { tx, clock: w.clock, jobs: jobs.scheduler };
          const deadlineId = await scheduleDeadline(tx, writer, { caseId: null, kind: 'restriction_lift', dueAt: new Date('2026-07-01T00:00:00Z'), payload: { kinds: [], on: '2026-07-01' } });
          const outboxId = await enqueue(writer, null, { type: 'user', platform: 'slack', userId: 'U0SOMEONE' }, { kind: 'calendar_provisional', years: [2027], caseId: 'V-000001', due: '2027-01-05T23:59:59+08:00' });
          if (fail) throw new Error('the step failed after scheduling');
          return { deadlineId, outboxId };
        });

      await expect(step(true)).rejects.toThrow('the step failed after scheduling');
      expect(await database.db.select().from(deadlines)).toHaveLength(0);
      expect(await database.db.select().from(outbox)).toHaveLength(0);
      expect(await jobs.boss.findJobs('deadline')).toHaveLength(0);
      expect(await jobs.boss.findJobs('outbox')).toHaveLength(0);

      const { deadlineId, outboxId } = await step(false);
      const [deadlineJob] = await jobs.boss.findJobs<{ deadlineId: number }>('deadline');
      expect(deadlineJob?.data).toEqual({ deadlineId });
      const [outboxJob] = await jobs.boss.findJobs<{ outboxId: number }>('outbox');
      expect(outboxJob?.data).toEqual({ outboxId });
    } finally {
      await jobs.stop();
    }
  });

  it('reporting a case queues a wake-up for every deadline it schedules, at the time it is due', async () => {
    const database = getDb();
    const w = await caseWorld(database, '2026-06-01T02:00:00Z');
    const jobs = await startTestJobs(database, w.cases, new RecordingNotifier(), { workers: false });
    try {
      const r = await reportViolation({ ...w.cases, jobs: jobs.scheduler }, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
      const rows = await database.db.select().from(deadlines).where(eq(deadlines.caseId, r.caseId));
      expect(rows.map((d) => d.kind).sort()).toEqual(['deadline_reminder', 'deadline_reminder', 'reply_lapse']);
      const queued = await jobs.boss.findJobs<{ deadlineId: number }>('deadline');
      expect(queued.map((j) => j.data.deadlineId).sort()).toEqual(rows.map((d) => d.id).sort());
      // The service's clock is fixed on 2026-06-01: each job waits as long, by the wall clock, as the deadline is away by that clock.
      for (const d of rows) {
        const job = queued.find((j) => j.data.deadlineId === d.id)!;
        const away = d.dueAt.getTime() - w.clock.now().getTime();
        expect(Math.abs(job.startAfter.getTime() - job.createdOn.getTime() - away)).toBeLessThan(60_000);
      }
      expect((await jobs.boss.findJobs('outbox')).length).toBe((await database.db.select().from(outbox)).length);
    } finally {
      await jobs.stop();
    }
  });
});
