// What reaches the bot unsigned, late, twice, or carrying mrkdwn tricks.
import { afterEach, expect, it } from 'vitest';
import { ACTIONS, VIEWS } from '../../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { allStrings, countRows, reportValues, startBot, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('requests Slack did not sign, or signed too long ago', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('answers 401 to a bad signature and to a stale timestamp, and writes nothing', async () => {
    bot = await startBot(getDb());
    await bot.command(OFFICER.userId, 'report');
    const opened = await bot.fake.waitFor('views.open');
    bot.fake.reset();

    const forged = await bot.submit(OFFICER.userId, opened, reportValues({}), { send: { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' } });
    const stale = await bot.submit(OFFICER.userId, opened, reportValues({}), { send: { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 } });
    const forgedCommand = await bot.command(OFFICER.userId, 'report', { send: { signature: 'v0=deadbeef' } });
    const staleClick = await bot.click(P1_CONTACT.userId, ACTIONS.replyAccept, 'V-000001', { send: { timestampSec: Math.floor(Date.now() / 1000) - 3600 } });
    expect([forged.status, stale.status, forgedCommand.status, staleClick.status]).toEqual([401, 401, 401, 401]);

    expect(await countRows(bot.w.db, 'cases')).toBe(0);
    expect(await countRows(bot.w.db, 'command_log')).toBe(0);
    expect(await countRows(bot.w.db, 'audit_events', "action like 'case.%'")).toBe(0);
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describeEachBackend('a report submitted twice', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('makes one case when Slack retries the same submission, even at the same moment', async () => {
    bot = await startBot(getDb());
    await bot.command(OFFICER.userId, 'report');
    const opened = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.report);
    const [a, b] = await Promise.all([bot.submit(OFFICER.userId, opened, reportValues({})), bot.submit(OFFICER.userId, opened, reportValues({}))]);
    const c = await bot.submit(OFFICER.userId, opened, reportValues({}));
    for (const r of [a, b, c]) expect(r.json).toMatchObject({ response_action: 'update' });
    expect(await countRows(bot.w.db, 'cases')).toBe(1);
    expect(await countRows(bot.w.db, 'outbox', "kind = 'suspected_violation'")).toBe(1);
  });
});

describeEachBackend('mrkdwn in what people type', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('never lets <!channel>, @here or a disguised link reach Slack active, wherever the facts are shown', async () => {
    bot = await startBot(getDb(), { locales: { [P1_CONTACT.userId]: 'zh-CN' } });
    const facts = 'Ping <!channel> and @here, then pay at <http://evil.example|bank> & <@U0OFFICER>';
    await bot.command(OFFICER.userId, 'report');
    const opened = await bot.fake.waitFor('views.open');
    const res = await bot.submit(OFFICER.userId, opened, reportValues({ facts }));
    expect(res.json).toMatchObject({ response_action: 'update' });

    // Everywhere the facts go: the partner's DM, the approval request, /violation show, list, App Home, the determination modal.
    await bot.deliver();
    await bot.command(OFFICER.userId, 'show V-000001', { responseUrl: bot.fake.responseUrl('show') });
    await bot.command(P1_CONTACT.userId, 'show V-000001', { responseUrl: bot.fake.responseUrl('show-partner') });
    await bot.homeOpened(P1_CONTACT.userId);
    await bot.homeOpened(OFFICER.userId);
    await bot.command(OFFICER.userId, 'determine V-000001');
    const shown = {
      partnerDm: bot.fake.callsTo('chat.postMessage').find((c) => isDmTo(c, P1_CONTACT.userId))?.args,
      staffShow: (await bot.fake.waitForResponseUrlPost('show')).body,
      partnerShow: (await bot.fake.waitForResponseUrlPost('show-partner')).body,
      determineModal: (await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.determine)).args,
    };
    await bot.fake.waitFor('views.publish', (c) => c.args.user_id === OFFICER.userId);
    for (const [where, body] of Object.entries(shown)) expect(allStrings(body).some((s) => s.includes('Ping')), where).toBe(true);

    const sent = [...bot.fake.calls.map((c) => c.args), ...bot.fake.responseUrlPosts.map((p) => p.body)];
    const strings = sent.flatMap((x) => allStrings(x));
    const withFacts = strings.filter((s) => s.includes('Ping'));
    for (const s of strings) {
      expect(s).not.toContain('<!channel>');
      expect(s).not.toContain('<http://evil.example|bank>');
      expect(s).not.toMatch(/@here\b/);
    }
    // The facts are still readable: escaped, not removed.
    expect(withFacts.some((s) => s.includes('&lt;!channel&gt;') && s.includes('&lt;http://evil.example|bank&gt;') && s.includes('&amp;'))).toBe(true);
    // A typed user mention is shown, not turned into a ping.
    expect(withFacts.every((s) => !s.includes('<@U0OFFICER>'))).toBe(true);
  });
});
