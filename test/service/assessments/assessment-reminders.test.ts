import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import { remindAdminsOfAssessments } from '../../../src/service/assessments/assessment-reminders.ts';
import { CalendarCache } from '../../../src/service/calendar/calendar-cache.ts';
import { noJobScheduler } from '../../../src/service/jobs-port.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener, query, serviceWorld, type ServiceWorld } from '../../support/service-fixtures.ts';

async function givenRoles(w: ServiceWorld, list: [string, string][]): Promise<void> {
  for (const [userId, role] of list) await grantRole(w.deps, { userId, role, by: 'cli:test' });
}

const remind = (w: ServiceWorld) => remindAdminsOfAssessments({ db: w.db, clock: w.clock, calendar: new CalendarCache(), jobs: noJobScheduler });

async function reminders(w: ServiceWorld) {
  return query<{ recipient: { userId: string }; payload: { month: string; startsOn: string; due: unknown } }>(w.db, sql`select recipient, payload from outbox where kind = 'assessment_reminder' order by id`);
}

describeEachBackend('R-ASSESS: admins are reminded before each assessment month, once each', (getDb) => {
  it('nothing the day before the reminder day; on it (24 June, 5 working days before July) each admin gets one DM', async () => {
    const w = await serviceWorld(getDb(), '2026-06-23T01:00:00Z');
    await givenRoles(w, [['U0ADMIN1', 'admin'], ['U0ADMIN2', 'admin'], ['U0OFFICER', 'officer']]);
    expect(await remind(w)).toEqual({ month: null, reminded: [] });
    w.clock.set('2026-06-24T01:00:00Z');
    expect(await remind(w)).toEqual({ month: '2026-07', reminded: ['U0ADMIN1', 'U0ADMIN2'] });
    const sent = await reminders(w);
    expect(sent.map((m) => m.recipient.userId)).toEqual(['U0ADMIN1', 'U0ADMIN2']);
    expect(sent[0]!.payload).toEqual({ kind: 'assessment_reminder', month: '2026-07', startsOn: '2026-07-01', due: [{ category: 'consulting_sales', periods: ['FY27-Q1'] }] });
    const [audit] = await query<{ subject: string }>(w.db, sql`select subject from audit_events where action = 'assessment.reminded'`);
    expect(audit).toEqual({ subject: '2026-07' });
  });

  it('again the same day or the next: nobody twice; an admin added meanwhile gets theirs', async () => {
    const w = await serviceWorld(getDb(), '2026-06-24T01:00:00Z');
    await givenRoles(w, [['U0ADMIN1', 'admin']]);
    await remind(w);
    expect(await remind(w)).toEqual({ month: '2026-07', reminded: [] });
    await givenRoles(w, [['U0ADMIN3', 'admin']]);
    w.clock.set('2026-06-25T01:00:00Z');
    expect(await remind(w)).toEqual({ month: '2026-07', reminded: ['U0ADMIN3'] });
    expect((await reminders(w)).map((m) => m.recipient.userId)).toEqual(['U0ADMIN1', 'U0ADMIN3']);
  });

  it('`cli assessments remind` does the same from the command line', async () => {
    const w = await serviceWorld(getDb(), '2026-06-24T01:00:00Z');
    await givenRoles(w, [['U0ADMIN1', 'admin']]);
    const run = async () => {
      const c = captureIo();
      const code = await runCli(['assessments', 'remind'], {}, c.io, cliOpener(w));
      return [code, c.stdout()];
    };
    expect(await run()).toEqual([0, 'Assessment month 2026-07: 1 admin(s) reminded (U0ADMIN1)']);
    expect(await run()).toEqual([0, 'Assessment month 2026-07: 0 admin(s) reminded (every admin was reminded before)']);
  });
});
