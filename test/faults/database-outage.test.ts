// Issue #10: PostgreSQL stopped and started during traffic. The bot runs on a
// PostgreSQL server of this test's own (never the shared one); while that
// server is down, people get a clear "not saved, try again" answer and
// nothing half-written remains; once it is back the same bot (no restart)
// serves again, its job queue works again, and the deadline that fell due
// during the outage is processed, once.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/service/clock.ts';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { postSlashCommand } from '../support/slack-requests.ts';
import { eventually, OFFICER_ID, openReportModal, SECRET, startFaultBot, submitReport, type FaultBot } from './fault-bot.ts';

const NOW = '2026-06-01T04:00:00Z';
const DAY = 24 * 3600 * 1000;

// It needs PostgreSQL's server binaries, not TEST_DATABASE_URL: a machine that cannot run a private
// server fails this test with the reason (startPrivatePostgres), it is never skipped.
describe('PostgreSQL stopped and started during traffic', () => {
  let server: PrivatePostgres;
  let fake: FakeSlack;
  let bot: FaultBot;
  let sql: postgres.Sql;
  const clock = fixedClock(NOW);

  beforeAll(async () => {
    server = await startPrivatePostgres();
    fake = await startFakeSlack();
    bot = await startFaultBot(fake, server.url, clock, { partners: 2 });
    sql = postgres(server.url, { max: 1, onnotice: () => {} });
  }, 120_000);
  afterAll(async () => {
    await bot?.bot.stop();
    await sql?.end({ timeout: 1 });
    await fake?.close();
    await server?.destroy();
  });

  const count = async (q: string) => Number((await sql.unsafe(q))[0]!.n);

  it('answers "not saved, try again" in the gap, writes nothing then, recovers without a restart and loses no deadline', { timeout: 400_000 }, async () => {
    // Before: a case filed, its notice delivered by the job queue.
    const opened = await openReportModal(fake, bot.baseUrl);
    const first = await submitReport(bot.baseUrl, opened, 'VBEFORE', 'P1');
    expect((first.json as { response_action: string }).response_action).toBe('update');
    const [filed] = await sql<{ id: string; reply_due_at: Date }[]>`select id, reply_due_at from cases`;
    await eventually('the first notice delivered', async () => (await count(`select count(*)::int n from outbox where status = 'delivered'`)) === 1);
    const deliveredBefore = fake.callsTo('chat.postMessage').length;

    // Time passes the reply deadline; its job (and its reminders') wakes 2 s from now, by when the server is down.
    clock.set(new Date(filed!.reply_due_at.getTime() + 1000));
    expect(await sql`update pgboss.job set start_after = now() + interval '2 seconds' where name = 'deadline' and state = 'created'`).toHaveProperty('count', 3);
    await sql.end({ timeout: 1 });
    await server.stop('fast');

    // In the gap: a submission, a command and /healthz, each answered clearly; a few seconds pass.
    const gap = await submitReport(bot.baseUrl, opened, 'VGAP', 'P2');
    expect(gap.status).toBe(200);
    const errors = (gap.json as { response_action: string; errors: Record<string, string> });
    expect(errors.response_action).toBe('errors');
    const shown = Object.values(errors.errors).join(' ');
    expect(shown).toMatch(/^Not saved: the database cannot be reached right now, so nothing was changed\. Please try again/);
    expect(shown).not.toMatch(/reference|\bat .*\.ts:\d+|ECONNREFUSED|Failed query/);

    expect((await postSlashCommand(bot.baseUrl, SECRET, { command: '/violation', text: 'list', user_id: OFFICER_ID, response_url: fake.responseUrl('gap-list') })).status).toBe(200);
    const listed = await fake.waitForResponseUrlPost('gap-list', undefined, 10_000);
    expect(JSON.stringify(listed.body)).toContain('Not saved: the database cannot be reached right now');
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 3000));
    clock.advance(1000);

    // Back: the same process serves again.
    await server.start();
    sql = postgres(server.url, { max: 1, onnotice: () => {} });
    await eventually('/healthz 200 again', async () => (await fetch(`${bot.baseUrl}/healthz`)).status === 200, 30_000);
    // Nothing from the gap was saved: one case, and the person's retry of the same modal files it now.
    expect(await count('select count(*)::int n from cases')).toBe(1);
    const retried = await submitReport(bot.baseUrl, opened, 'VGAP', 'P2');
    expect((retried.json as { response_action: string }).response_action).toBe('update');
    expect(await count('select count(*)::int n from cases')).toBe(2);

    // The job queue works again: the new case's notice goes out through it, and the deadline that
    // fell due in the gap is processed, once (its reminders are past: stale). Each wait names its
    // own row: the two notices race, and under load the total went from 1 straight to 3, so a wait
    // for "2 delivered in all" never saw its moment (issue 10: the outage test's only flake).
    await eventually('the retried notice delivered', async () => (await count(`select count(*)::int n from outbox where case_id <> '${filed!.id}' and status = 'delivered'`)) === 1, 30_000);
    await eventually('the reply deadline processed', async () => (await count(`select count(*)::int n from deadlines where case_id = '${filed!.id}' and kind = 'reply_lapse' and done_at is not null`)) === 1, 30_000);
    const [lapsed] = await sql<{ outcome: string; state: string }[]>`select d.outcome, c.state from deadlines d join cases c on c.id = d.case_id where d.case_id = ${filed!.id} and d.kind = 'reply_lapse'`;
    expect(lapsed).toEqual({ outcome: 'lapsed', state: 'awaiting_determination' });
    expect(await count(`select count(*)::int n from audit_events where action = 'case.reply.lapsed' and subject = '${filed!.id}'`)).toBe(1);
    await eventually('the lapse told to staff', async () => (await count(`select count(*)::int n from outbox where status = 'delivered'`)) === 3, 30_000);
    expect(fake.callsTo('chat.postMessage').length).toBe(deliveredBefore + 2);
    // Logged as an outage (a warning with the reason), never as a crash of a listener.
    expect(bot.logs.some((l) => l.includes('database unavailable in a Slack listener'))).toBe(true);
    expect(bot.logs.some((l) => l.includes('unexpected error in a Slack listener'))).toBe(false);
  });
});
