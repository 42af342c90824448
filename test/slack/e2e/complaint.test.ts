// `/partner complaint`: a partner's contact complains about the vendor in a modal (R-COMPLAINT, §7.2), over real HTTP.
import { afterEach, expect, it } from 'vitest';
import { VIEWS } from '../../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { CHANNELS, countRows, plainValue, startBot, textOf, type Bot } from './harness.ts';

describeEachBackend('/partner complaint', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  let n = 0;
  async function open(b: Bot, userId: string) {
    const id = `complaint-${++n}`;
    await b.command(userId, 'complaint', { command: '/partner', responseUrl: b.fake.responseUrl(id) });
    return id;
  }
  const values = (subject: string, text: string, links = '') => ({
    subject: { subject: plainValue(subject) },
    text: { text: plainValue(text) },
    evidence: { evidence_links: plainValue(links) },
  });

  it('a partner contact files in the modal; bad input is an inline error and writes nothing; staff hear of it in the approvals channel', async () => {
    bot = await startBot(getDb(), { locales: { [P1_CONTACT.userId]: 'zh-CN' } });
    await open(bot, P1_CONTACT.userId);
    const opened = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.complaint);
    expect(textOf(opened.args.view)).toContain('R-COMPLAINT');
    const blank = await bot.submit(P1_CONTACT.userId, opened, values('  ', 'x'));
    expect(blank.json).toEqual({ response_action: 'errors', errors: { subject: '请填写投诉主题。' } });
    const badLink = await bot.submit(P1_CONTACT.userId, opened, values('Rebate', 'Late', 'javascript:alert(1)'));
    expect(badLink.json).toMatchObject({ response_action: 'errors', errors: { evidence: expect.any(String) } });
    expect(await countRows(bot.w.db, 'complaints')).toBe(0);
    const done = await bot.submit(P1_CONTACT.userId, opened, values('Rebate not paid', 'The May rebate has not arrived.', 'https://example.com/statement.pdf'));
    expect(textOf(done.json)).toContain('C-000001');
    // Slack retries the same submission: one complaint.
    await bot.submit(P1_CONTACT.userId, opened, values('Rebate not paid', 'The May rebate has not arrived.', 'https://example.com/statement.pdf'));
    expect(await countRows(bot.w.db, 'complaints')).toBe(1);
    await bot.deliver();
    const toStaff = bot.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNELS.approvals);
    expect(toStaff).toHaveLength(1);
    expect(textOf(toStaff[0]!.args)).toContain('Rebate not paid');
  });

  it('staff and strangers are told privately, in their language, and no modal opens', async () => {
    bot = await startBot(getDb(), { locales: { [OFFICER.userId]: 'zh-CN' } });
    const staff = await open(bot, OFFICER.userId);
    expect(textOf((await bot.fake.waitForResponseUrlPost(staff)).body)).toContain('投诉由合作伙伴针对阿里云提出');
    const stranger = await open(bot, STRANGER.userId);
    expect(textOf((await bot.fake.waitForResponseUrlPost(stranger)).body)).toContain('Only a partner’s contact can file a complaint');
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
  });
});
