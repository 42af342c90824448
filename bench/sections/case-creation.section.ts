import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { startJobs } from '../../src/jobs/pg-boss-jobs.ts';
import { silentLogger } from '../../src/logger.ts';
import { grantRole } from '../../src/service/access/manage-roles.ts';
import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import type { CaseDeps } from '../../src/service/cases/case-deps.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { importPartners, PARTNERS_HEADER } from '../../src/service/imports/import-partners.ts';
import { noJobScheduler, type JobScheduler } from '../../src/service/jobs-port.ts';
import { RecordingNotifier } from '../../src/service/outbox/notifier.ts';
import type { BenchContext } from '../support/bench-context.ts';
import { rssMb, timed } from '../support/measure.ts';
import type { BenchSection } from './section.ts';

const REPORTS = 2_000;
const WARM_UP = 100;
const CONCURRENCY = 8;
const REPORTS_PER_SECOND_TARGET = 500;

/**
 * Issue 3: case creation in-process, as a chat adapter calls `reportViolation`
 * (staff report, one piece of evidence, the notice, its lapse and reminders),
 * 8 at a time. First the service alone, then with pg-boss enqueueing every
 * wake-up in the same transaction, as the bot runs. Each run prints this
 * process's CPU per case: the figure that limits throughput on 2 cores.
 */
export const caseCreationSection: BenchSection = {
  name: 'case-creation',
  async run(ctx, log) {
    const setup = await reportingSetup(ctx);
    const alone = await measureReports(ctx, setup, noJobScheduler, 'service alone', log);
    const jobs = await startJobs(ctx.database, setup.cases, { slack: new RecordingNotifier() }, silentLogger, { workers: false, databaseUrl: ctx.databaseUrl });
    let withJobs: number;
    try {
      withJobs = await measureReports(ctx, setup, jobs.scheduler, 'with pg-boss jobs', log);
    } finally {
      await jobs.stop();
    }
    return [
      { section: 'case-creation', name: `reportViolation, ${CONCURRENCY} concurrent (${REPORTS} cases)`, value: alone, unit: 'cases/s', target: { kind: 'min', value: REPORTS_PER_SECOND_TARGET } },
      { section: 'case-creation', name: `reportViolation + pg-boss jobs, ${CONCURRENCY} concurrent`, value: withJobs, unit: 'cases/s', target: { kind: 'min', value: REPORTS_PER_SECOND_TARGET } },
      { section: 'case-creation', name: 'RSS after case creation', value: rssMb(), unit: 'MB' },
    ];
  },
};

interface ReportingSetup {
  cases: Omit<CaseDeps, 'jobs'>;
  officer: { platform: string; userId: string };
  partnerId: string;
}

async function reportingSetup(ctx: BenchContext): Promise<ReportingSetup> {
  const partnerId = `BR${ctx.runId}`;
  await importPartners(ctx.deps, { name: 'bench-reporting.csv', text: `${PARTNERS_HEADER.join(',')}\n${partnerId},Bench Reported,consulting_sales,gold,U0BENCHCONTACT\n` });
  const officer = { platform: 'slack', userId: 'U0BENCHOFFICER' };
  await grantRole({ db: ctx.db, clock: ctx.clock }, { userId: officer.userId, role: 'officer', by: 'bench' });
  return { cases: { db: ctx.db, policies: ctx.policies, clock: ctx.clock, calendar: new CalendarCache() }, officer, partnerId };
}

/** Reports per second, `CONCURRENCY` in flight, after a warm-up; prints the run and this process's CPU per case. */
async function measureReports(ctx: BenchContext, setup: ReportingSetup, jobs: JobScheduler, label: string, log: (line: string) => void): Promise<number> {
  const deps: CaseDeps = { ...setup.cases, jobs };
  let n = 0;
  const reportOne = () =>
    reportViolation(deps, {
      key: `bench-${ctx.runId}-${label}-${++n}`, actor: setup.officer, partnerId: setup.partnerId, itemId: 'SVC-09', occurredOn: '2026-05-20',
      facts: 'Bench: late service', evidence: [{ kind: 'link', ref: 'https://example.com/evidence' }],
    });
  await runConcurrently(WARM_UP, CONCURRENCY, reportOne);
  const cpu = process.cpuUsage();
  const machine = machineBusyMs();
  const { ms } = await timed(() => runConcurrently(REPORTS, CONCURRENCY, reportOne));
  const used = process.cpuUsage(cpu);
  const ownMs = (used.user + used.system) / 1000;
  const restMs = machine === null ? null : machineBusyMs()! - machine - ownMs;
  const perSecond = REPORTS / (ms / 1000);
  const rest = restMs === null ? '' : `, the rest of the machine (PostgreSQL) ${(restMs / REPORTS).toFixed(2)} ms`;
  log(`  ${label}: ${REPORTS} reports, ${CONCURRENCY} at a time, in ${(ms / 1000).toFixed(2)} s = ${perSecond.toFixed(0)}/s; CPU a case: this process ${(ownMs / REPORTS).toFixed(2)} ms${rest} (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`);
  return perSecond;
}

/** CPU time the whole machine has spent busy, from /proc/stat (Linux); null elsewhere. */
function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    const ticks = user! + nice! + system! + irq! + softirq! + (steal ?? 0);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** `total` calls of `fn`, `width` in flight at a time. */
async function runConcurrently(total: number, width: number, fn: () => Promise<unknown>): Promise<void> {
  let started = 0;
  const lane = async () => {
    while (started < total) {
      started++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}
