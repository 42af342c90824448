// Suspending incentive payouts from Slack (R-SUSPEND): `/violation suspend`
// and `/violation lift` over real HTTP, the refusals, the partner's DMs and
// `/partner status`.
import { afterEach, expect, it } from 'vitest';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { OFFICER, P1_CONTACT, STRANGER, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { P2_CONTACT_ID, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

describeEachBackend('incentive suspension from Slack (R-SUSPEND)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  /** The command's private answer, by its response URL. */
  async function answer(b: Bot, userId: string, text: string, id: string, command = '/violation'): Promise<{ text: string; body: unknown }> {
    const res = await b.command(userId, text, { command, responseUrl: b.fake.responseUrl(id) });
    expect([res.status, res.body]).toEqual([200, '']);
    const post = await b.fake.waitForResponseUrlPost(id);
    return { text: textOf(post.body), body: post.body };
  }

  /** The DMs the partner's contact received, delivered through the real notifier. */
  async function partnerDms(b: Bot): Promise<string[]> {
    await b.deliver();
    return b.fake.callsTo('chat.postMessage').filter((c) => isDmTo(c, P1_CONTACT.userId)).map((c) => textOf(c.args));
  }

  it('staff suspend once the notice is out and lift it by hand; the partner is told each time, in its language, and /partner status shows it', async () => {
    bot = await startBot(getDb(), { locales: { [P1_CONTACT.userId]: 'zh-CN' } });
    const r = await reportViolation(bot.w.cases, {
      key: key(), actor: { platform: 'slack', userId: P2_CONTACT_ID }, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Seen it', evidence: [{ kind: 'link', ref: 'https://example.com/x' }],
    });

    // Before the notice: refused, privately, and nothing changes.
    const early = await answer(bot, OFFICER.userId, `suspend ${r.caseId}`, 'early');
    expect(early.body).toMatchObject({ response_type: 'ephemeral' });
    expect(early.text).toContain(`Case ${r.caseId} has not been notified to the partner yet: incentives can be suspended only after the notice is sent (R-SUSPEND). Nothing was changed.`);
    expect((await findCase(bot.w.db, r.caseId))?.suspended).toBe(false);

    await answer(bot, OFFICER.userId, `notice ${r.caseId}`, 'notice');
    const suspended = await answer(bot, OFFICER.userId, `suspend ${r.caseId.replace('V-', 'v-')}`, 'suspend');
    expect(suspended.body).toMatchObject({ response_type: 'ephemeral' });
    expect(suspended.text).toContain(`Incentive payouts of the partner in case *${r.caseId}* are suspended since Mon 1 Jun 2026, 12:00 (Beijing time)`);
    expect(await findCase(bot.w.db, r.caseId)).toMatchObject({ suspended: true, suspendedBy: `slack:${OFFICER.userId}` });
    const again = await answer(bot, OFFICER.userId, `suspend ${r.caseId}`, 'again');
    expect(again.text).toContain(`Nothing changed: incentive payouts in case *${r.caseId}* are already suspended, since Mon 1 Jun 2026, 12:00 (Beijing time).`);

    const afterSuspend = await partnerDms(bot);
    expect(afterSuspend.filter((t) => t.includes('激励发放已暂停'))).toHaveLength(1);

    const status = await answer(bot, P1_CONTACT.userId, 'status P1', 'status', '/partner');
    expect(status.text).toContain('因案件 V-000001 自 2026年6月1日（周一） 12:00');
    const staffStatus = await answer(bot, OFFICER.userId, 'status P1', 'staff-status', '/partner');
    expect(staffStatus.text).toContain('Incentive payouts (R-SUSPEND)');
    expect(staffStatus.text).toContain(`suspended by case ${r.caseId} since Mon 1 Jun 2026, 12:00 (Beijing time)`);

    bot.fake.reset();
    const lifted = await answer(bot, OFFICER.userId, `lift ${r.caseId}`, 'lift');
    expect(lifted.text).toContain(`The suspension in case *${r.caseId}* is lifted; the partner’s contacts are told.`);
    const afterLift = await partnerDms(bot);
    expect(afterLift).toHaveLength(1);
    expect(afterLift[0]).toContain('激励暂停已解除');
    expect(afterLift[0]).toContain('工作人员已解除暂停');
    expect((await answer(bot, OFFICER.userId, `lift ${r.caseId}`, 'lift-again')).text).toContain(`Nothing changed: incentive payouts in case *${r.caseId}* are not suspended.`);
    expect((await answer(bot, OFFICER.userId, 'status P1', 'status-after', '/partner')).text).toContain('Not suspended.');
  });

  it('refuses the partner’s contacts and strangers clearly and privately, and explains a malformed command', async () => {
    bot = await startBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    for (const [who, id] of [[P1_CONTACT.userId, 'contact'], [STRANGER.userId, 'stranger']] as const) {
      const refused = await answer(bot, who, `suspend ${r.caseId}`, id);
      expect(refused.body).toMatchObject({ response_type: 'ephemeral' });
      expect(refused.text).toContain('You need the officer role to suspend incentive payouts. Ask an admin to grant it.');
    }
    const lift = await answer(bot, P1_CONTACT.userId, `lift ${r.caseId}`, 'contact-lift');
    expect(lift.text).toContain('You need the officer role to lift a suspension of incentive payouts.');
    expect((await findCase(bot.w.db, r.caseId))?.suspended).toBe(false);
    expect(await partnerDms(bot)).toHaveLength(1); // the notice only

    expect((await answer(bot, OFFICER.userId, 'suspend', 'usage')).text).toContain('Give the case: `/violation suspend V-000012`.');
    const help = (await answer(bot, OFFICER.userId, 'help', 'help')).text;
    expect(help).toContain('/violation suspend CASE');
    expect(help).toContain('/violation lift CASE');
  });
});
