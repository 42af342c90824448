// `/partner request …`: an admin asks whether a partner may be upgraded, onboard or join a program (R-RESTRICT, R-LATE).
import { afterEach, expect, it } from 'vitest';
import { ADMIN, OFFICER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { CLASS2_ITEM, givenPrograms, givenSanctions, rowCounts } from '../../support/service-fixtures.ts';
import { startBot, textOf, type Bot } from './harness.ts';

describeEachBackend('/partner request', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  let n = 0;
  async function ask(b: Bot, userId: string, text: string): Promise<string> {
    const id = `req-${++n}`;
    await b.command(userId, text, { command: '/partner', responseUrl: b.fake.responseUrl(id) });
    // escapeMrkdwn keeps `_` of consulting_sales from opening italics with a zero-width space; read past it.
    return textOf((await b.fake.waitForResponseUrlPost(id)).body).replace(/\u200b/g, '');
  }

  it('an admin is told it is granted and recorded, or refused with the sanction, the rule and the day it lifts; in Chinese too', async () => {
    bot = await startBot(getDb(), { locales: { [ADMIN.userId]: 'en-US', [OFFICER.userId]: 'zh-CN' } });
    await givenPrograms(bot.w, [['P2', 'Cloud MSP', 'service', '2025-04-01']]);
    await givenSanctions(bot.w, 'P1', [['C2', CLASS2_ITEM, '2026-03-01']]); // through 2026-06-01 (R-RESTRICT §5.5.6)
    expect(await ask(bot, ADMIN.userId, 'request upgrade P1 2026-06-01 consulting_sales')).toContain(
      'Refused:* An upgrade (consulting_sales) for P1 on 2026-06-01.\n• No upgrade by case C2 (R-RESTRICT §5.5.6), until 2026-06-02 (allowed from that day)',
    );
    expect(await ask(bot, ADMIN.userId, 'request upgrade P1 2026-06-02 consulting_sales')).toContain('Granted:* An upgrade (consulting_sales) for P1 on 2026-06-02; recorded as request 1.');
    const before = await rowCounts(bot.w.db);
    expect(await ask(bot, ADMIN.userId, 'request upgrade P1 2026-06-02 consulting_sales')).toContain('recorded as request 1.');
    expect(await rowCounts(bot.w.db)).toEqual(before);
    expect(await ask(bot, ADMIN.userId, 'request program P2 2026-06-02 Nope Nope')).toContain('There is no program named “Nope Nope”.');
    expect(await ask(bot, ADMIN.userId, 'request upgrade P1')).toContain('/partner request upgrade P1 2026-05-01 consulting_sales');
    // The officer, who reads Chinese, is not an admin: refused in words, nothing recorded.
    const refused = await ask(bot, OFFICER.userId, 'request onboarding P1 2026-06-02');
    expect(refused).toMatch(/管理员|admin/);
    expect(await rowCounts(bot.w.db)).toEqual(before);
  });

  it('answers in Chinese with the restriction’s own words', async () => {
    bot = await startBot(getDb(), { locales: { [ADMIN.userId]: 'zh-CN' } });
    await givenSanctions(bot.w, 'P1', [['C2', CLASS2_ITEM, '2026-03-01']]);
    expect(await ask(bot, ADMIN.userId, 'request onboarding P1 2026-06-01')).toContain(
      '不予批准：*P1 于 2026-06-01 申请新入驻（含添加伙伴管理账号）。\n• 不予新入驻（包括伙伴管理账号添加），案件 C2（R-RESTRICT §5.5.6），至 2026-06-02（当日起可申请）',
    );
  });
});
