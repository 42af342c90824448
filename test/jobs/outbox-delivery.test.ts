import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { determinations } from '../../src/db/schema/index.ts';
import type { Notification } from '../../src/domain/notifications/notification.ts';
import type { Jobs } from '../../src/jobs/pg-boss-jobs.ts';
import { decideDetermination } from '../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { MAX_ATTEMPTS } from '../../src/service/outbox/deliver.ts';
import { enqueue } from '../../src/service/outbox/enqueue.ts';
import { noJobScheduler } from '../../src/service/jobs-port.ts';
import { APPROVER, caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { FlakyNotifier, outboxRow, shiftedClock, startTestJobs, waitFor } from './job-fixtures.ts';

const NOTE: Notification = { kind: 'calendar_provisional', years: [2027], caseId: 'V-000001', due: '2027-01-05T23:59:59+08:00' };

async function queueOne(w: CaseWorld, jobs: Jobs): Promise<number> {
  return w.db.transaction((tx) => enqueue({ tx, clock: w.clock, jobs: jobs.scheduler }, null, { type: 'user', platform: 'slack', userId: 'U0ADMIN' }, NOTE));
}

describeEachBackend('notifications leave through the outbox, retried with backoff', (getDb) => {
  it('a message the chat platform refuses twice is sent on the third try, each wait longer than the last', async () => {
    const w = await caseWorld(getDb());
    const notifier = new FlakyNotifier((_m, attempt) => attempt <= 2);
    const jobs = await startTestJobs(getDb(), w.cases, notifier, { sweep: false });
    try {
      const id = await queueOne(w, jobs);
      await waitFor('delivery', async () => (await outboxRow(w.db, id)).status === 'delivered');
      const row = await outboxRow(w.db, id);
      expect(row).toMatchObject({ attempts: 3, lastError: null, result: { slack: { channel: 'C-test', ts: `ts-${id}-3` } } });
      const at = notifier.callsFor(id).map((c) => c.at);
      expect(notifier.callsFor(id).map((c) => c.ok)).toEqual([false, false, true]);
      // Backoff from 1 s: the first wait is 1–2 s, the second 2–3 s (capped for the test).
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(900);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1900);
    } finally {
      await jobs.stop();
    }
  });

  it(`a message the chat platform always refuses is kept as failed with its last error after ${MAX_ATTEMPTS} attempts`, async () => {
    const w = await caseWorld(getDb());
    const notifier = new FlakyNotifier(() => true);
    const jobs = await startTestJobs(getDb(), w.cases, notifier, { sweep: false });
    try {
      const id = await queueOne(w, jobs);
      await waitFor('the message to fail', async () => (await outboxRow(w.db, id)).status === 'failed', 45_000);
      expect(await outboxRow(w.db, id)).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: `chat platform down (attempt ${MAX_ATTEMPTS})`, result: null });
      // No further attempt once it has failed.
      await new Promise((r) => setTimeout(r, 2500));
      expect(notifier.callsFor(id)).toHaveLength(MAX_ATTEMPTS);
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('the update of an approval request waits until the request itself has been delivered, then edits it', async () => {
    const clock = shiftedClock('2026-06-01T02:00:00Z');
    const w = await caseWorld(getDb(), '2026-06-01T02:00:00Z');
    // The approvals channel refuses the request three times: it lands several seconds after the approver decides.
    const notifier = new FlakyNotifier((m, attempt) => m.notification.kind === 'determination_requested' && attempt <= 3);
    const jobs = await startTestJobs(getDb(), { ...w.cases, clock }, notifier, { sweep: false });
    try {
      const deps = { ...w.cases, clock, jobs: jobs.scheduler };
      const r = await reportViolation(deps, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
      await replyToNotice(deps, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
      const p = await proposeDetermination(deps, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Admitted' });
      await decideDetermination(deps, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
      const [det] = await w.db.select().from(determinations).where(eq(determinations.id, p.determinationId));
      const requestId = det!.requestOutboxId!;
      expect((await outboxRow(w.db, requestId)).status).toBe('pending');


      await waitFor('the update to be delivered', async () => notifier.calls.some((c) => c.ok && c.message.recipient.type === 'update'));
      const sent = notifier.calls.filter((c) => c.ok);
      const requestAt = sent.findIndex((c) => c.outboxId === requestId);
      const updateCall = sent.find((c) => c.message.recipient.type === 'update')!;
      expect(updateCall.message.recipient).toEqual({ type: 'update', outboxId: requestId });
      expect(sent.indexOf(updateCall)).toBeGreaterThan(requestAt);
      // It edits the message where the request landed, and spent no attempt while it waited.
      expect(updateCall.message.original).toEqual(((await outboxRow(w.db, requestId)).result as { slack: unknown }).slack);
      expect(notifier.callsFor(updateCall.outboxId)).toHaveLength(1);
      expect(await outboxRow(w.db, updateCall.outboxId)).toMatchObject({ status: 'delivered', attempts: 1 });
    } finally {
      await jobs.stop();
    }
  });

  it('a notification written with no job (by the CLI) is delivered by the sweep when the workers start', async () => {
    const w = await caseWorld(getDb());
    const id = await w.db.transaction((tx) => enqueue({ tx, clock: w.clock, jobs: noJobScheduler }, null, { type: 'user', platform: 'slack', userId: 'U0ADMIN' }, NOTE));
    const notifier = new FlakyNotifier(() => false);
    const jobs = await startTestJobs(getDb(), w.cases, notifier);
    try {
      await waitFor('the sweep to deliver it', async () => (await outboxRow(w.db, id)).status === 'delivered');
      expect(notifier.callsFor(id)).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });

  it('a sweep leaves a message that is waiting out its backoff alone', async () => {
    const w = await caseWorld(getDb());
    const notifier = new FlakyNotifier(() => true);
    const jobs = await startTestJobs(getDb(), w.cases, notifier, { sweep: false, outboxRetry: { delaySeconds: 30, maxDelaySeconds: 60 } });
    try {
      const id = await queueOne(w, jobs);
      await waitFor('the first attempt', async () => (await outboxRow(w.db, id)).attempts === 1 && notifier.callsFor(id).length === 1);
      await jobs.boss.send('sweep', {}); // what the minute's sweep does
      await waitFor('the sweep to run', async () => (await jobs.boss.findJobs('sweep', { queued: true })).length === 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(notifier.callsFor(id)).toHaveLength(1);
      expect(await outboxRow(w.db, id)).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      await jobs.stop();
    }
  });
});
