import { and, eq, isNull, sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type DrizzleTransactionLike } from 'pg-boss';
import type { Database, Tx } from '../db/database.ts';
import { deadlines } from '../db/schema/index.ts';
import type { Logger } from '../logger.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import type { Clock } from '../service/clock.ts';
import { remindAdminsOfAssessments } from '../service/assessments/assessment-reminders.ts';
import { today } from '../service/clock.ts';
import { checkExits } from '../service/exits/exit-partner.ts';
import { dueDeadlineIds, processDeadline } from '../service/deadlines/process-deadline.ts';
import type { JobScheduler } from '../service/jobs-port.ts';
import { deliverOutboxMessage, RetryLater, type DeliveryDeps } from '../service/outbox/deliver.ts';
import type { ChatNotifiers } from '../service/outbox/notifier.ts';
import { awaitedOriginal, idlePendingRows, stillIdle, updatesWaitingOn } from './outbox-rows.ts';

const DEADLINE_QUEUE = 'deadline';
const OUTBOX_QUEUE = 'outbox';
const SWEEP_QUEUE = 'sweep';
/** R-ASSESS: the daily check for the admins' reminder before an assessment month. */
const ASSESSMENT_REMINDER_QUEUE = 'assessment-reminders';
/** §6, R-EXIT-*: the daily check that ends the qualifications due that day. */
const EXIT_CHECK_QUEUE = 'exit-check';

export interface Jobs {
  scheduler: JobScheduler;
  stop(): Promise<void>;
  /** The queue itself, for operations and tests (`findJobs`, `getQueueStats`). */
  boss: PgBoss;
}

/** Retries of one queue, in whole seconds (pg-boss's unit): exponential from `delaySeconds`, capped at `maxDelaySeconds`. */
export interface RetryOptions {
  limit?: number;
  delaySeconds?: number;
  maxDelaySeconds?: number;
}

export interface JobsOptions {
  /** false: only enqueue (a process that serves requests while another one works). */
  workers?: boolean;
  /** Required on PostgreSQL: pg-boss keeps its own small pool. Unused on PGlite. */
  databaseUrl?: string;
  /** How often an idle worker looks for due jobs (pg-boss: at least 0.5). */
  pollingIntervalSeconds?: number;
  deadlineRetry?: RetryOptions;
  /** The outbox row itself gives up after MAX_ATTEMPTS; keep `limit` at or above it. */
  outboxRetry?: RetryOptions;
  /** The catch-up sweep, at start and every minute (default true); false leaves everything to the jobs (tests). */
  sweep?: boolean;
}

const DEFAULT_DEADLINE_RETRY: Required<RetryOptions> = { limit: 5, delaySeconds: 5, maxDelaySeconds: 600 };
const DEFAULT_OUTBOX_RETRY: Required<RetryOptions> = { limit: 8, delaySeconds: 2, maxDelaySeconds: 600 };
const REARM_MIN_MS = 1000;
/**
 * Outbox deliveries in flight: OUTBOX_LOOPS fetch loops of OUTBOX_BATCH jobs each, so a slow
 * message (a 429's Retry-After) holds back only its own loop's next fetch. 4 × 10 keeps ~40
 * calls in flight: enough for Slack's chat.postMessage rate, few enough that a 429 pause costs
 * little, and each delivery holds a database connection only for its short statements.
 */
const OUTBOX_BATCH = 10;
const OUTBOX_LOOPS = 4;
/** Deadline workers in one process: each holds at most one of the app's 10 connections. */
const DEADLINE_WORKERS = 4;
/** How many pending outbox rows one sweep looks at. */
const SWEEP_OUTBOX_BATCH = 200;

/**
 * pg-boss on whichever back end the app runs on. The rows (deadlines,
 * outbox) are the truth; a job only wakes a worker for one of them. Deadlines
 * wake at their time; outbox rows are delivered with retries and backoff; a
 * sweep at start and every minute catches whatever has no job (written by the
 * CLI, or due while the app was down).
 */
export async function startJobs(database: Database, deps: Omit<CaseDeps, 'jobs'>, notifiers: ChatNotifiers, logger: Logger, opts: JobsOptions = {}): Promise<Jobs> {
  const boss = newBoss(database, opts.databaseUrl);
  boss.on('error', (e) => logger.error('job queue error', { error: e.message }));
  boss.on('warning', (w) => logger.warn('job queue warning', { warning: w.message }));
  await boss.start();
  try {
    await ensureQueue(boss, DEADLINE_QUEUE, { ...DEFAULT_DEADLINE_RETRY, ...opts.deadlineRetry });
    await ensureQueue(boss, OUTBOX_QUEUE, { ...DEFAULT_OUTBOX_RETRY, ...opts.outboxRetry });
    // One sweep at a time: two would only race for the same rows.
    await boss.createQueue(SWEEP_QUEUE, { policy: 'singleton', retryLimit: 0 });
  } catch (e) {
    await boss.stop({ graceful: false, close: true });
    throw e;
  }

  const clock = deps.clock;
  const wakeDeadline = (deadlineId: number, dueAt: Date, db?: Tx) =>
    boss.send(DEADLINE_QUEUE, { deadlineId }, { startAfter: wakeAt(clock, dueAt), ...(db ? { db: inTransaction(db) } : {}) });
  const wakeOutbox = (outboxId: number, db?: Tx) => boss.send(OUTBOX_QUEUE, { outboxId }, { singletonKey: outboxKey(outboxId), ...(db ? { db: inTransaction(db) } : {}) });

  // A step's jobs go in one statement per queue (`insert` takes the queue's retry settings, as `send` does).
  const scheduler: JobScheduler = {
    async deadlinesDue(tx, due) {
      if (due.length === 0) return;
      await boss.insert(DEADLINE_QUEUE, due.map((d) => ({ data: { deadlineId: d.deadlineId }, startAfter: wakeAt(clock, d.dueAt) })), { db: inTransaction(tx) });
    },
    async outboxPending(tx, outboxIds) {
      if (outboxIds.length === 0) return;
      await boss.insert(OUTBOX_QUEUE, outboxIds.map((id) => ({ data: { outboxId: id }, singletonKey: outboxKey(id) })), { db: inTransaction(tx) });
    },
  };
  const caseDeps: CaseDeps = { ...deps, jobs: scheduler };
  const delivery: DeliveryDeps = { db: deps.db, clock, notifiers };

  /**
   * A job can fire before the row is due by the service's clock (clock skew, a deadline moved
   * later): wake again then, at least a second on, so a clock that stands still cannot spin it.
   */
  async function rearmIfEarly(deadlineId: number): Promise<void> {
    const [d] = await deps.db.select({ dueAt: deadlines.dueAt }).from(deadlines).where(and(eq(deadlines.id, deadlineId), isNull(deadlines.doneAt)));
    const now = clock.now().getTime();
    if (d && d.dueAt.getTime() > now) await wakeDeadline(deadlineId, new Date(Math.max(d.dueAt.getTime(), now + REARM_MIN_MS)));
  }

  async function deliver(outboxId: number): Promise<void> {
    // An update edits the message its original produced: while that is on its way, wait without
    // spending an attempt; the original's delivery wakes it (below).
    const original = await awaitedOriginal(deps.db, outboxId);
    if (original !== null) {
      logger.info('outbox update waits for its original', { outboxId, original });
      return;
    }
    const outcome = await deliverOutboxMessage(delivery, outboxId, { throwOnRetry: true });
    if (outcome === 'failed') logger.warn('outbox message failed', { outboxId });
    if (outcome === 'delivered') {
      for (const id of await updatesWaitingOn(deps.db, outboxId)) await wakeOutbox(id);
    }
  }

  async function sweep(): Promise<void> {
    const now = clock.now();
    const deadlinesDone = await sweepDeadlinesEach(caseDeps, logger);
    // Rows with no live job (written by the CLI, or whose job gave up) get one; rows waiting out a
    // backoff already have one queued and are left alone, so the sweep never shortens a backoff.
    // A job running meanwhile is seen as the row changing (claimed, or one more attempt) in between.
    let woken = 0;
    for (const row of await idlePendingRows(deps.db, now, SWEEP_OUTBOX_BATCH)) {
      const queued = await boss.findJobs(OUTBOX_QUEUE, { key: outboxKey(row.id), queued: true, limit: 1 });
      if (queued.length === 0 && (await stillIdle(deps.db, row, clock.now()))) {
        await wakeOutbox(row.id);
        woken++;
      }
    }
    if (deadlinesDone > 0 || woken > 0) logger.info('sweep', { deadlines: deadlinesDone, outboxWoken: woken });
  }

  if (opts.workers !== false) {
    const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 0.5 };
    const outboxWork = {
      ...polling,
      batchSize: OUTBOX_BATCH,
      localConcurrency: OUTBOX_LOOPS,
      // A full batch means more are waiting: fetch again at once instead of after the polling interval.
      burstWhenBatchFull: true,
      perJobResults: true,
    } as const;
    // A worker fetches one job per poll: with one worker the queue drained 2 jobs/s (issue #10, replicas).
    // Several work side by side, as replicas' workers do (each job is taken by one of them).
    const deadlineWork = { ...polling, localConcurrency: DEADLINE_WORKERS };
    await boss.work<{ deadlineId: number }>(DEADLINE_QUEUE, deadlineWork, async ([job]) => {
      const { deadlineId } = job!.data;
      const outcome = await processDeadline(caseDeps, deadlineId);
      if (outcome === null) await rearmIfEarly(deadlineId);
      else logger.info('deadline processed', { deadlineId, outcome });
    });
    // Several deliveries at once, each job settled on its own: one job per poll would cap the
    // outbox at two messages a second, far below Slack's rate (issue 10, fan-out). A retry fails
    // only its own job, which pg-boss schedules with the queue's backoff.
    await boss.work<{ outboxId: number }, unknown, typeof outboxWork>(OUTBOX_QUEUE, outboxWork, async (batch) => {
      const settled = await Promise.allSettled(batch.map((job) => deliver(job.data.outboxId)));
      return settled.map((r, i) => {
        if (r.status === 'fulfilled') return { id: batch[i]!.id, status: 'completed' as const };
        const error = r.reason instanceof Error ? r.reason.message : String(r.reason);
        if (!(r.reason instanceof RetryLater)) logger.error('outbox delivery failed', { outboxId: batch[i]!.data.outboxId, error });
        return { id: batch[i]!.id, status: 'failed' as const, output: { message: error } };
      });
    });
    await boss.work(SWEEP_QUEUE, polling, sweep);
    if (opts.sweep === false) {
      await boss.unschedule(SWEEP_QUEUE);
    } else {
      // R-ASSESS: daily at 09:00 Beijing time; a day missed is caught up the next (the reminder stays due
      // until the month starts). Only with the sweep: tests that leave everything to the jobs do without it.
      await boss.createQueue(ASSESSMENT_REMINDER_QUEUE, { policy: 'singleton', retryLimit: 2 });
      await boss.work(ASSESSMENT_REMINDER_QUEUE, polling, async () => {
        const r = await remindAdminsOfAssessments(caseDeps);
        if (r.reminded.length > 0) logger.info('assessment reminders', { month: r.month, admins: r.reminded.length });
      });
      await boss.schedule(ASSESSMENT_REMINDER_QUEUE, '0 9 * * *', {}, { tz: 'Asia/Shanghai' });
      // R-EXIT-*: daily just after midnight Beijing time, the first minutes of the day an exit takes effect.
      // A day missed is caught up by the next run: an exit due earlier is still due, stored with its own day.
      await boss.createQueue(EXIT_CHECK_QUEUE, { policy: 'singleton', retryLimit: 2 });
      await boss.work(EXIT_CHECK_QUEUE, polling, async () => {
        const done = await checkExits({ db: caseDeps.db, clock: caseDeps.clock, jobs: caseDeps.jobs, actor: 'system' }, today(caseDeps.clock));
        if (done.length > 0) logger.info('exits applied', { partners: done.map((d) => `${d.partnerId}:${d.rule}:${d.endsOn}`) });
      });
      await boss.schedule(EXIT_CHECK_QUEUE, '5 0 * * *', {}, { tz: 'Asia/Shanghai' });
      await boss.schedule(SWEEP_QUEUE, '* * * * *', {}, { tz: 'Asia/Shanghai' });
      // Catch up at once on whatever fell due while the app was down.
      await boss.send(SWEEP_QUEUE, {});
    }
  }

  return { scheduler, boss, stop: () => boss.stop({ graceful: true, timeout: 5000, close: true }) };
}

function newBoss(database: Database, databaseUrl: string | undefined): PgBoss {
  if (database.pglite) return new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite' });
  if (!databaseUrl) throw new Error('The job queue on PostgreSQL needs the database URL (startJobs option databaseUrl).');
  return new PgBoss({ connectionString: databaseUrl, max: 4 });
}

/**
 * createQueue leaves an existing queue as it was; updateQueue makes a
 * restart with other retry settings take effect.
 */
async function ensureQueue(boss: PgBoss, name: string, retry: Required<RetryOptions>): Promise<void> {
  const options = { retryLimit: retry.limit, retryDelay: retry.delaySeconds, retryBackoff: true, retryDelayMax: retry.maxDelaySeconds };
  await boss.createQueue(name, options);
  await boss.updateQueue(name, options);
}

/**
 * pg-boss waits by the wall clock; the service decides by its Clock. Wake
 * when the deadline is due by the service's clock (the same instant when
 * the service runs on the system clock).
 */
export function wakeAt(clock: Clock, dueAt: Date, wallNow = Date.now()): Date {
  return new Date(wallNow + Math.max(0, dueAt.getTime() - clock.now().getTime()));
}

/** Lets the sweep find an outbox row's queued job (indexed by pg-boss); it does not deduplicate sends. */
function outboxKey(outboxId: number): string {
  return `outbox:${outboxId}`;
}

/**
 * Everything due, in due order, like `sweepDeadlines`, but one deadline that
 * keeps failing is logged and skipped instead of holding back the others
 * (its own job retries it).
 */
async function sweepDeadlinesEach(deps: CaseDeps, logger: Logger): Promise<number> {
  let processed = 0;
  const failed = new Set<number>();
  for (;;) {
    const ids = (await dueDeadlineIds(deps.db, deps.clock.now())).filter((id) => !failed.has(id));
    let progressed = false;
    for (const id of ids) {
      try {
        if ((await processDeadline(deps, id)) === null) continue;
        progressed = true;
        processed++;
      } catch (e) {
        failed.add(id);
        logger.error('deadline failed in sweep', { deadlineId: id, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (!progressed) return processed;
  }
}

/** The job is enqueued in the caller's transaction: a rollback leaves no job behind. */
function inTransaction(tx: Tx) {
  // drizzle's `execute` is typed loosely (unknown rows); pg-boss reads `rows` from either driver's shape.
  return fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
}
