// Two replicas of the bot on one PostgreSQL database, requests alternating
// between them (issue #10). Each replica is the real bot (startBot: its own
// Bolt app on its own port, its own pg-boss workers and sweep) in this
// process; they share the database, the fake Slack and the injected clock
// (what two hosts with synchronised clocks share). The test asserts on the
// figures; `npm run faults -- replicas` prints them for 1,000 cases.
import postgres from 'postgres';
import { fixedClock } from '../../src/service/clock.ts';
import { OUTBOX_EVENT_TYPE } from '../../src/slack/notifier/slack-notifier.ts';
import { startFakeSlack } from '../support/fake-slack.ts';
import { advanceTime, eventually, openReportModal, seed, startFaultBot, submitReport, type FaultBot } from './fault-bot.ts';

const NOW = '2026-06-01T04:00:00Z';
const PARTNERS = 10;

export interface ReplicaFigures {
  cases: number;
  /** Submissions sent twice (same view id and hash), one copy to each replica at once. */
  twinSubmissions: number;
  filingMs: number;
  /** Submissions each replica answered (alternating). */
  answeredBy: [number, number];
  /** Submissions acked bare after the ack budget, their confirmation sent by DM (a loaded machine). */
  lateAnswers: number;
  /** Answers other than the modal's confirmation or a late bare ack (an inline error, an HTTP error): expected 0. */
  badAnswers: string[];
  casesInDatabase: number;
  /** Report commands recorded (command_log keys of view submissions): one per case. */
  reportCommands: number;
  deadlines: number;
  deadlinesOpen: number;
  /** What each replica processed (its deadline jobs and its sweeps, from its log). */
  deadlinesProcessedBy: [number, number];
  /** Effects of a deadline recorded more than once (audit events per action and case): expected 0. */
  duplicateDeadlineEffects: number;
  outboxRows: number;
  outboxNotDelivered: number;
  /** Outbox rows written twice for the same case, kind, recipient and payload: expected 0. */
  duplicateOutboxRows: number;
  /** chat.postMessage calls carrying an outbox id, and how many ids were posted more than once. */
  notificationPosts: number;
  notificationsPostedTwice: number;
  /** Outbox rows marked delivered that Slack never received: expected 0. */
  deliveredButNotPosted: number;
  deadlineMs: number;
}

export async function runReplicas(databaseUrl: string, opts: { cases: number; concurrency?: number; log?: (line: string) => void }): Promise<ReplicaFigures> {
  const log = opts.log ?? (() => {});
  const fake = await startFakeSlack();
  const clock = fixedClock(NOW);
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const bots: FaultBot[] = [];
  try {
    // Both start at once, as a rolling deployment would: migrations and reference data must not collide.
    bots.push(...(await Promise.all([startFaultBot(fake, databaseUrl, clock), startFaultBot(fake, databaseUrl, clock)])));
    await seed(bots[0]!.bot.database.db, clock, PARTNERS);
    const modals = [await openReportModal(fake, bots[0]!.baseUrl), await openReportModal(fake, bots[1]!.baseUrl)];
    log(`two replicas on ports ${bots.map((b) => b.bot.port).join(' and ')}; filing ${opts.cases} cases`);

    // ---- filing: submission i goes to replica i % 2; every 10th is also sent to the other replica at once.
    const answeredBy: [number, number] = [0, 0];
    const badAnswers: string[] = [];
    let twinSubmissions = 0;
    let lateAnswers = 0;
    const fileOne = async (i: number) => {
      const viewId = `VREP${i}`;
      const partner = `P${(i % PARTNERS) + 1}`;
      const targets = i % 10 === 9 ? [i % 2, (i + 1) % 2] : [i % 2];
      if (targets.length === 2) twinSubmissions++;
      const answers = await Promise.all(targets.map((r) => submitReport(bots[r]!.baseUrl, modals[r]!, viewId, partner)));
      answers.forEach((a, k) => {
        answeredBy[targets[k]!]!++;
        const action = (a.json as { response_action?: string } | undefined)?.response_action;
        // A submission slower than the 2 s ack budget (a loaded machine) is acked bare and confirmed by DM: also an answer.
        if (a.status === 200 && action === undefined && a.body === '') lateAnswers++;
        else if (a.status !== 200 || action !== 'update') badAnswers.push(`${viewId}: ${a.status} ${a.body.slice(0, 200)}`);
      });
    };
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: opts.concurrency ?? 8 }, async () => {
        while (next < opts.cases) await fileOne(next++);
      }),
    );
    const filingMs = Date.now() - started;
    log(`filed in ${filingMs} ms`);

    const count = async (q: string) => Number((await sql.unsafe(q))[0]!.n);
    const allDelivered = async () => (await count(`select count(*)::int n from outbox where status <> 'delivered'`)) === 0;
    await eventually('every notice delivered', allDelivered, 120_000, 250);

    // ---- time: to each deadline instant in turn (reminders the day before and on the day, then the lapse).
    const deadlineStarted = Date.now();
    const instants = (await sql<{ due: Date }[]>`select distinct due_at as due from deadlines order by due_at`).map((r) => r.due);
    for (const due of instants) {
      await advanceTime(clock, databaseUrl, due.getTime() + 1000 - clock.now().getTime());
      await eventually(`deadlines due by ${due.toISOString()} processed`, async () => (await count(`select count(*)::int n from deadlines where done_at is null and due_at <= '${due.toISOString()}'`)) === 0, 300_000, 250);
      await eventually('their notifications delivered', allDelivered, 300_000, 250);
    }
    const deadlineMs = Date.now() - deadlineStarted;
    log(`${instants.length} deadline instants processed in ${deadlineMs} ms`);

    // ---- the figures.
    const posts = fake.callsTo('chat.postMessage').flatMap((c) => {
      const m = c.args.metadata as { event_type?: string; event_payload?: { outbox_id?: number } } | undefined;
      return m?.event_type === OUTBOX_EVENT_TYPE && c.status === 200 ? [Number(m.event_payload?.outbox_id)] : [];
    });
    const perId = new Map<number, number>();
    for (const id of posts) perId.set(id, (perId.get(id) ?? 0) + 1);
    const delivered = (await sql<{ id: number }[]>`select id::int as id from outbox where status = 'delivered'`).map((r) => r.id);
    // A deadline is processed by a replica's deadline job, or by its minute sweep (which logs how many).
    const processedBy = bots.map((b) =>
      b.logs.reduce((n, l) => {
        const line = JSON.parse(l) as { message: string; deadlines?: number };
        return n + (line.message === 'deadline processed' ? 1 : line.message === 'sweep' ? (line.deadlines ?? 0) : 0);
      }, 0),
    ) as [number, number];
    return {
      cases: opts.cases,
      twinSubmissions,
      filingMs,
      answeredBy,
      badAnswers,
      lateAnswers,
      casesInDatabase: await count('select count(*)::int n from cases'),
      reportCommands: await count(`select count(*)::int n from command_log where action = 'case.report'`),
      deadlines: await count('select count(*)::int n from deadlines'),
      deadlinesOpen: await count('select count(*)::int n from deadlines where done_at is null'),
      deadlinesProcessedBy: processedBy,
      duplicateDeadlineEffects: await count(
        `select count(*)::int n from (select action, subject from audit_events where action like 'case.reply.%' group by action, subject having count(*) > 1) d`,
      ),
      outboxRows: await count('select count(*)::int n from outbox'),
      outboxNotDelivered: await count(`select count(*)::int n from outbox where status <> 'delivered'`),
      duplicateOutboxRows: await count(
        `select count(*)::int n from (select 1 from outbox group by case_id, kind, recipient::text, payload::text having count(*) > 1) d`,
      ),
      notificationPosts: posts.length,
      notificationsPostedTwice: [...perId.values()].filter((n) => n > 1).length,
      deliveredButNotPosted: delivered.filter((id) => !perId.has(id)).length,
      deadlineMs,
    };
  } finally {
    for (const b of bots) await b.bot.stop();
    await sql.end({ timeout: 5 });
    await fake.close();
  }
}
