// `/partner exit PARTNER [apply]` (§6, R-EXIT-*), over real HTTP with signed
// requests and the fake Slack: an admin sees what `cli exit check` would do
// for the partner today, and records a voluntary exit application in a modal
// (R-EXIT-VOLUNTARY: 1 month's notice by R-PERIOD, customer placement done,
// the termination agreement date). Anyone else is refused privately.
import { afterEach, expect, it } from 'vitest';
import { importContracts } from '../../../src/service/imports/import-contracts.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { ADMIN, OFFICER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import type { RecordedCall } from '../../support/fake-slack.ts';
import { contractsCsv } from '../../support/service-fixtures.ts';
import { allRowCounts } from '../../security/support.ts';
import { buttonIn, checked, countRows, datePicked, startBot, textOf, type Bot } from './harness.ts';

let n = 0;
/** `/partner exit …` and the private answer to it, or the modal it opened. */
async function exitCommand(bot: Bot, userId: string, args: string): Promise<{ opened?: RecordedCall; text?: string; body?: unknown }> {
  const id = `exit-${++n}`;
  const before = bot.fake.callsTo('views.open').length;
  await bot.command(userId, `exit ${args}`, { command: '/partner', responseUrl: bot.fake.responseUrl(id) });
  const opened = bot.fake.waitFor('views.open', () => bot.fake.callsTo('views.open').length > before, 5000).then(() => ({ opened: bot.fake.callsTo('views.open').at(-1)! }));
  const answered = bot.fake.waitForResponseUrlPost(id, undefined, 5000).then((p) => ({ text: textOf(p.body), body: p.body }));
  return Promise.race([opened, answered]);
}

const application = (a: { applied?: string; end: string; agreement: string; placement: boolean }) => ({
  applied_on: { [INPUTS.appliedOn]: datePicked(a.applied ?? '2026-06-01') },
  requested_end_on: { [INPUTS.requestedEndOn]: datePicked(a.end) },
  agreement_on: { [INPUTS.agreementOn]: datePicked(a.agreement) },
  checklist: { [INPUTS.checklist]: a.placement ? checked('placement') : checked() },
});

describeEachBackend('/partner exit (R-EXIT-*, admins)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('the check shows the exit due, its path, its first day and its rule, as `cli exit check` would apply it; reading changes nothing', async () => {
    bot = await startBot(getDb(), { locales: { [ADMIN.userId]: 'en-US' } });
    // P1's contract ended yesterday (2026-05-31) without renewal; P2's runs on. Today is 2026-06-01.
    await importContracts(bot.w.deps, contractsCsv([['P1', '2025-06-01', '2026-05-31', ''], ['P2', '2025-06-01', '2027-05-31', '']]));
    const before = await allRowCounts(bot.w.db);
    const due = await exitCommand(bot, ADMIN.userId, 'P1');
    expect(due.text).toContain('An exit is due: *Partner One (P1)*’s qualification ends from *2026-06-01* (R-EXIT-EXPIRY)');
    expect(due.text).toContain('contract 2025-06-01 … 2026-05-31 ended without renewal');
    const notDue = await exitCommand(bot, ADMIN.userId, 'P2');
    expect(notDue.text).toContain('No exit is due for *Partner Two (P2)* today (2026-06-01).');
    // The button to record a voluntary application rides on the reply.
    expect(buttonIn(notDue.body, ACTIONS.exitApplyOpen)?.value).toBe('P2');
    expect(await allRowCounts(bot.w.db)).toEqual(before);
    expect((await exitCommand(bot, ADMIN.userId, 'P9')).text).toContain('No such partner.');
  });

  it('apply: too short a notice is an inline error and records nothing; a valid application is recorded, audited, and shown by the check', async () => {
    bot = await startBot(getDb());
    const { opened } = await exitCommand(bot, ADMIN.userId, 'P1 apply');
    expect((opened!.args.view as { callback_id?: string }).callback_id).toBe(VIEWS.exitApply);
    expect(textOf(opened!.args.view)).toContain('Partner One (P1)');
    const before = await allRowCounts(bot.w.db);

    // Applied 2026-06-01: the month runs to 2026-07-01 at 24:00 (R-PERIOD), so the earliest end is 2026-07-02.
    const short = await bot.submit(ADMIN.userId, opened!, application({ end: '2026-07-01', agreement: '2026-07-01', placement: true }));
    expect(short.json).toEqual({
      response_action: 'errors',
      errors: { requested_end_on: 'A voluntary exit needs 1 month’s written notice (R-EXIT-VOLUNTARY, R-PERIOD): the earliest end for this application day is 2026-07-02. Nothing was recorded.' },
    });
    const open = await bot.submit(ADMIN.userId, opened!, application({ end: '2026-07-02', agreement: '2026-07-02', placement: false }));
    expect(open.json).toMatchObject({ response_action: 'errors', errors: { checklist: expect.stringContaining('customer placement') } });
    const early = await bot.submit(ADMIN.userId, opened!, application({ end: '2026-07-10', agreement: '2026-07-02', placement: true }));
    expect(early.json).toMatchObject({ response_action: 'errors', errors: { agreement_on: expect.stringContaining('termination agreement') } });
    expect(await allRowCounts(bot.w.db)).toEqual(before);

    const done = await bot.submit(ADMIN.userId, opened!, application({ end: '2026-07-02', agreement: '2026-07-02', placement: true }));
    expect((done.json as { response_action?: string }).response_action).toBe('update');
    expect(textOf(done.json)).toContain('the qualification ends on 2026-07-02 (R-EXIT-VOLUNTARY)');
    expect(await countRows(bot.w.db, 'exit_applications', "partner_id = 'P1' and applied_on = '2026-06-01' and agreement_on = '2026-07-02'")).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events', `action = 'exit.applied' and actor = 'slack:${ADMIN.userId}'`)).toBe(1);
    expect(await countRows(bot.w.db, 'partners', "id = 'P1' and status = 'active'")).toBe(1);

    const check = await exitCommand(bot, ADMIN.userId, 'P1');
    expect(check.text).toContain('No exit is due for *Partner One (P1)* today');
    expect(check.text).toContain('Voluntary exit application on record: applied 2026-06-01, requested end 2026-07-02, termination agreement in force 2026-07-02 (R-EXIT-VOLUNTARY).');
  });

  it('the button on the check reply opens the same form', async () => {
    bot = await startBot(getDb());
    const before = bot.fake.callsTo('views.open').length;
    await bot.click(ADMIN.userId, ACTIONS.exitApplyOpen, 'P2');
    await bot.fake.waitFor('views.open', () => bot!.fake.callsTo('views.open').length > before);
    const view = bot.fake.callsTo('views.open').at(-1)!.args.view as { callback_id?: string; private_metadata?: string };
    expect([view.callback_id, view.private_metadata]).toEqual([VIEWS.exitApply, 'P2']);
  });

  it('not admins: told privately which role it takes, nothing opens, and a forged submission records nothing', async () => {
    bot = await startBot(getDb());
    const check = await exitCommand(bot, OFFICER.userId, 'P1');
    expect(check.text).toContain('You need the admin role to check a partner’s exit or record its exit application.');
    expect((await exitCommand(bot, OFFICER.userId, 'P1 apply')).opened).toBeUndefined();
    const { opened } = await exitCommand(bot, ADMIN.userId, 'P1 apply');
    const forged = await bot.submit(OFFICER.userId, opened!, application({ end: '2026-07-02', agreement: '2026-07-02', placement: true }));
    expect((forged.json as { response_action?: string }).response_action).toBe('errors');
    expect(await countRows(bot.w.db, 'exit_applications')).toBe(0);
    // A malformed line gets the usage, privately.
    expect((await exitCommand(bot, ADMIN.userId, 'P1 leave now')).text).toContain('`/partner exit P1 apply`');
  });
});
