import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { loadPolicyVersions } from '../../../src/db/repositories/policy.repository.ts';
import { caseReplies, deadlines } from '../../../src/db/schema/index.ts';
import { CalendarCache } from '../../../src/service/calendar/calendar-cache.ts';
import type { CaseDeps } from '../../../src/service/cases/case-deps.ts';
import { fixedClock } from '../../../src/service/clock.ts';
import { processDeadline, sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener } from '../../support/service-fixtures.ts';
import { addressed, AFTER_WINDOW, messages, report, stateOf, WINDOW_CLOSES } from '../cases/case-steps.ts';

async function cli(w: CaseWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w));
  return { code, ...c };
}

describeEachBackend('the deadline sweep (issue #3: deadlines survive restarts; `cli sweep`)', (getDb) => {
  it('a second sweep finds nothing left to do, and a processed deadline is never processed again', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    w.clock.set(AFTER_WINDOW);
    const first = await sweepDeadlines(w.cases);
    // Swept after the window closed: its reminders would only mislead, so they are settled unsent.
    expect(first).toEqual({ processed: 3, outcomes: { stale: 2, lapsed: 1 }, failed: [] });
    const outbox = (await messages(w.db)).length;
    expect(await sweepDeadlines(w.cases)).toEqual({ processed: 0, outcomes: {}, failed: [] });
    const [lapse] = await w.db.select().from(deadlines).where(eq(deadlines.kind, 'reply_lapse'));
    expect(await processDeadline(w.cases, lapse!.id)).toBeNull();
    expect((await messages(w.db)).length).toBe(outbox);
    expect(await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, r.caseId))).toHaveLength(1);
  });

  it('a restarted service, with nothing kept in memory, finds every open deadline in the database', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    // A new process: its own clock, policy list and calendar cache over the same database.
    const restarted: CaseDeps = { db: w.db, policies: await loadPolicyVersions(w.db), clock: fixedClock(AFTER_WINDOW), calendar: new CalendarCache(), jobs: noJobScheduler };
    expect((await sweepDeadlines(restarted)).outcomes.lapsed).toBe(1);
    expect(await stateOf(w, r.caseId)).toBe('awaiting_determination');
  });

  it('`cli sweep --now` processes exactly what was due by that instant, as of that instant', async () => {
    const w = await caseWorld(getDb());
    const a = await report(w); // reply due Thu 06-04
    w.clock.set('2026-06-02T10:00:00+08:00');
    const b = await report(w); // reply due Fri 06-05
    w.clock.set('2026-06-10T12:00:00+08:00'); // the bot was down for days

    const caughtUp = await cli(w, 'sweep', '--now', WINDOW_CLOSES, '--json');
    expect(caughtUp.code).toBe(0);
    // As of a's last second: a's reminder of the day before is stale (the morning of the day has
    // come), its reminder of the day goes out, and it lapses; b's reminder of the day before goes out.
    expect(caughtUp.json()).toEqual({ now: WINDOW_CLOSES, processed: 4, outcomes: { stale: 1, reminded: 2, lapsed: 1 }, failed: [] });
    expect(addressed((await messages(w.db, a.caseId)).filter((m) => m.kind === 'deadline_reminder')).length).toBe(1);
    expect((await messages(w.db, a.caseId)).find((m) => m.kind === 'deadline_reminder')?.payload).toMatchObject({ when: 'due_today' });
    expect(await stateOf(w, a.caseId)).toBe('awaiting_determination');
    expect(await stateOf(w, b.caseId)).toBe('awaiting_reply');
    const [lapse] = await w.db.select().from(caseReplies).where(eq(caseReplies.caseId, a.caseId));
    expect(lapse!.at.toISOString()).toBe(new Date(WINDOW_CLOSES).toISOString());

    const rest = await cli(w, 'sweep');
    expect(rest.code).toBe(0);
    // b's reminder of its day, 06-05, found on 06-10: stale.
    expect(rest.stdout()).toBe('Processed 2 deadline(s) due by 2026-06-10T12:00:00+08:00: {"stale":1,"lapsed":1}');
    expect(await stateOf(w, b.caseId)).toBe('awaiting_determination');
    expect((await cli(w, 'sweep', '--json')).json()).toMatchObject({ processed: 0, outcomes: {} });
  });

  it('`cli sweep --now` refuses an instant in the future or one that is not an ISO instant', async () => {
    const w = await caseWorld(getDb());
    await report(w);
    const future = await cli(w, 'sweep', '--now', '2026-06-05T00:00:00+08:00');
    expect(future.code).toBe(1);
    expect(future.stderr()).toContain('--now may not be in the future');
    const garbled = await cli(w, 'sweep', '--now', 'yesterday', '--json');
    expect(garbled.code).toBe(1);
    expect(garbled.json()).toMatchObject({ error: { code: 'cli.usage' } });
    expect((await w.db.select().from(caseReplies))).toEqual([]);
  });
});
