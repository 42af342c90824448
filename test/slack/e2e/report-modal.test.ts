// The report modal says what is wrong next to the field, in the reporter's language.
import { afterEach, expect, it } from 'vitest';
import { VIEWS } from '../../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { countRows, P2_CONTACT_ID, reportValues, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('inline errors in the report modal', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function openReport(b: Bot, userId: string) {
    await b.command(userId, 'report');
    return b.fake.waitFor('views.open', (c) => c.args.trigger_id !== undefined && (c.args.view as { callback_id?: string }).callback_id === VIEWS.report);
  }

  it('puts a future date, empty facts and a non-link under their own fields, and creates nothing', async () => {
    bot = await startBot(getDb(), { at: '2026-06-01T04:00:00Z' });
    const opened = await openReport(bot, OFFICER.userId);
    const future = await bot.submit(OFFICER.userId, opened, reportValues({ occurredOn: '2026-06-02' }));
    expect(future.json).toEqual({ response_action: 'errors', errors: { occurred_on: 'The date of the violation cannot be in the future.' } });
    const blank = await bot.submit(OFFICER.userId, opened, reportValues({ facts: '   \n ' }));
    expect(blank.json).toEqual({ response_action: 'errors', errors: { facts: 'Describe the facts of the violation.' } });
    const missing = await bot.submit(OFFICER.userId, opened, reportValues({ facts: null }));
    expect(missing.json).toEqual({ response_action: 'errors', errors: { facts: 'Describe the facts of the violation.' } });
    const notALink = await bot.submit(OFFICER.userId, opened, reportValues({ links: 'https://example.com/ok\njavascript:alert(1)' }));
    expect(notALink.json).toEqual({ response_action: 'errors', errors: { evidence: 'Each line must be one web link starting with http:// or https://.' } });
    const badDate = await bot.submit(OFFICER.userId, opened, reportValues({ occurredOn: '2026-02-30' }));
    expect(badDate.json).toEqual({ response_action: 'errors', errors: { occurred_on: 'Give a real date.' } });
    expect(await countRows(bot.w.db, 'cases')).toBe(0);
  });

  it('requires evidence from a partner contact reporting another partner (R-EVIDENCE), in Chinese for a Chinese reader', async () => {
    bot = await startBot(getDb(), { locales: { [P2_CONTACT_ID]: 'zh-CN' } });
    const opened = await openReport(bot, P2_CONTACT_ID);
    // A partner contact sees no "suspend incentives" box: that is staff's.
    expect(((opened.args.view as { blocks: { block_id?: string }[] }).blocks).some((b) => b.block_id === 'suspend')).toBe(false);
    expect(textOf(opened.args.view)).toContain('必须提供证据');
    const res = await bot.submit(P2_CONTACT_ID, opened, reportValues({ partner: 'P1', links: '' }));
    expect(res.json).toEqual({ response_action: 'errors', errors: { evidence: '合作伙伴举报其他合作伙伴必须附证据（R-EVIDENCE，§5.4.5）：请添加链接或文件。' } });
    const self = await bot.submit(P2_CONTACT_ID, opened, reportValues({ partner: 'P2' }));
    expect(self.json).toEqual({ response_action: 'errors', errors: { partner: '合作伙伴不能举报自己，请选择被举报的合作伙伴。' } });
    // With evidence the report is taken, and waits for staff before P1 is told.
    const ok = await bot.submit(P2_CONTACT_ID, opened, reportValues({ partner: 'P1', links: 'https://example.com/screenshot' }));
    expect(textOf(ok.json)).toContain('工作人员核实后将通知该合作伙伴');
    await bot.deliver();
    expect(bot.fake.callsTo('chat.postMessage').some((c) => isDmTo(c, P1_CONTACT.userId))).toBe(false);
    expect(await countRows(bot.w.db, 'cases', "state = 'reported'")).toBe(1);
  });

  it('does not open the modal for someone who may not report, and says why', async () => {
    bot = await startBot(getDb());
    await bot.command(STRANGER.userId, 'report', { responseUrl: bot.fake.responseUrl('stranger') });
    const told = await bot.fake.waitForResponseUrlPost('stranger');
    expect(textOf(told.body)).toContain('You need the officer role to report a violation');
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('suspends incentives when the officer ticks the box (R-SUSPEND)', async () => {
    bot = await startBot(getDb());
    const opened = await openReport(bot, OFFICER.userId);
    await bot.submit(OFFICER.userId, opened, reportValues({ suspend: true }));
    expect(await countRows(bot.w.db, 'cases', 'suspended')).toBe(1);
  });
});
