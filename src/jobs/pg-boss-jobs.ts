import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type DrizzleTransactionLike } from 'pg-boss';
import type { Database, Tx } from '../db/database.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import { processDeadline, sweepDeadlines } from '../service/deadlines/process-deadline.ts';
import type { JobScheduler } from '../service/jobs-port.ts';
import { deliverOutboxMessage, deliverPending } from '../service/outbox/deliver.ts';
import type { Notifier } from '../service/outbox/notifier.ts';
import type { Logger } from '../logger.ts';

const DEADLINE_QUEUE = 'deadline';
const OUTBOX_QUEUE = 'outbox';
const SWEEP_QUEUE = 'sweep';

export interface Jobs {
  scheduler: JobScheduler;
  stop(): Promise<void>;
}

/**
 * pg-boss on whichever back end the app runs on. Deadlines wake at their
 * time; outbox rows are delivered with retries and backoff; a sweep every
 * minute catches anything written without a job (the CLI) or missed while down.
 */
export async function startJobs(database: Database, deps: Omit<CaseDeps, 'jobs'>, notifier: Notifier, logger: Logger, opts: { workers?: boolean; databaseUrl?: string } = {}): Promise<Jobs> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ connectionString: opts.databaseUrl!, max: 4 });
  boss.on('error', (e) => logger.error('job queue error', { error: e.message }));
  await boss.start();
  await boss.createQueue(DEADLINE_QUEUE, { retryLimit: 5, retryDelay: 5, retryBackoff: true });
  await boss.createQueue(OUTBOX_QUEUE, { retryLimit: 8, retryDelay: 2, retryBackoff: true, retryDelayMax: 600 });
  await boss.createQueue(SWEEP_QUEUE, { policy: 'singleton' });

  const scheduler: JobScheduler = {
    async deadlineDue(tx: Tx, deadlineId: number, dueAt: Date) {
      await boss.send(DEADLINE_QUEUE, { deadlineId }, { startAfter: dueAt, db: inTransaction(tx) });
    },
    async outboxPending(tx: Tx, outboxId: number) {
      await boss.send(OUTBOX_QUEUE, { outboxId }, { db: inTransaction(tx) });
    },
  };
  const caseDeps: CaseDeps = { ...deps, jobs: scheduler };

  if (opts.workers !== false) {
    await boss.work<{ deadlineId: number }>(DEADLINE_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      const outcome = await processDeadline(caseDeps, job!.data.deadlineId);
      logger.info('deadline processed', { deadlineId: job!.data.deadlineId, outcome });
    });
    await boss.work<{ outboxId: number }>(OUTBOX_QUEUE, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await deliverOutboxMessage({ db: deps.db, clock: deps.clock, notifier }, job!.data.outboxId, { throwOnRetry: true });
    });
    await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      const swept = await sweepDeadlines(caseDeps);
      const sent = await deliverPending({ db: deps.db, clock: deps.clock, notifier });
      if (swept.processed > 0 || sent.delivered > 0) logger.info('sweep', { deadlines: swept.processed, delivered: sent.delivered });
    });
    await boss.schedule(SWEEP_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
    // Catch up at once on whatever fell due while the app was down.
    await boss.send(SWEEP_QUEUE, {});
  }

  return { scheduler, stop: () => boss.stop({ graceful: true, timeout: 5000, close: true }) };
}

/** The job is enqueued in the caller's transaction: a rollback leaves no job behind. */
function inTransaction(tx: Tx) {
  // drizzle's `execute` is typed loosely (unknown rows); pg-boss reads `rows` from either driver's shape.
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}
