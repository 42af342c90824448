// Issue 12, the H5 partner picker in real Chromium (Debian's, through
// playwright-core): the page opened from the report card's link signs in
// through the JSAPI (the fake DingTalk's stand-in script hands over a real
// one-time code for its h5User), lists and searches partners, shows a
// hostile partner name as text, and the choice updates the card, from which
// the report is filed for that partner. Both back ends.
import { afterEach, expect, it } from 'vitest';
import { countRows } from '../slack/e2e/harness.ts';
import { launchChromium, type LaunchedChromium } from '../support/chromium.ts';
import { describeEachBackend } from '../support/databases.ts';
import { DT, outcomeOfCard } from './support/dingtalk-bot.ts';
import { EVIL, reportCardOf, startPickerWorld, type PickerWorld } from './support/picker-world.ts';

const FORM = { item: 'SVC-09', occurred_on: '2026-05-20', facts: 'Late service on ticket 42', links: ['https://example.com/proof/1'] };

describeEachBackend('the H5 partner picker in a browser (issue 12)', (getDb) => {
  let world: PickerWorld | undefined;
  let browser: LaunchedChromium | undefined;
  afterEach(async () => {
    await browser?.close();
    await world?.stop();
    browser = undefined;
    world = undefined;
  });

  it('signs in silently, finds P0249, chooses it, and the card then files the report for P0249; markup in a name stays text', { timeout: 120_000 }, async () => {
    world = await startPickerWorld(getDb());
    const { bot } = world;
    const card = await reportCardOf(bot, DT.officer);
    bot.fake.h5User = DT.officer;
    browser = await launchChromium({ viewport: { width: 420, height: 800 } });
    const page = browser.page;
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });

    await page.goto(card.params.partnerPickerUrl!);
    await page.locator('body[data-signed-in="yes"]').waitFor();
    await expect.poll(() => page.locator('#results li').count()).toBe(20);

    // A hostile name is shown as the text it is.
    await page.fill('#q', 'P0013');
    await page.click('#go');
    await page.locator('button[data-partner="P0013"]').waitFor();
    expect(await page.locator('#results li span').first().textContent()).toBe(`${EVIL} (P0013)`);
    expect(await page.locator('#results img').count()).toBe(0);

    await page.fill('#q', 'P0249');
    await page.click('#go');
    await page.locator('button[data-partner="P0249"]').click();
    await page.locator('body[data-chosen="P0249"]').waitFor();
    expect(await page.locator('#status').textContent()).toContain('Acme P0249 (P0249)');
    const update = bot.fake.delivered('PUT card/instances').at(-1)!;
    expect(update.body.outTrackId).toBe(card.outTrackId);
    expect((update.body.cardData as { cardParamMap: Record<string, string> }).cardParamMap.partner).toBe('P0249');

    const filed = await bot.click(DT.officer, 'reportSubmit', { ...FORM, partner: 'P0249' }, { outTrackId: card.outTrackId });
    expect(outcomeOfCard(filed).outcome).toBe('filed');
    expect(await countRows(bot.w.db, 'cases', `partner_id = 'P0249'`)).toBe(1);
    expect(problems, problems.join('; ')).toEqual([]);
  });

  it('outside DingTalk (no auth code) and for someone else’s card, the page says why and lists nothing', { timeout: 120_000 }, async () => {
    world = await startPickerWorld(getDb());
    const { bot } = world;
    const card = await reportCardOf(bot, DT.officer, '违规 上报');
    browser = await launchChromium();
    const page = browser.page;
    page.setDefaultTimeout(20_000);

    bot.fake.h5User = undefined;
    await page.goto(card.params.partnerPickerUrl!);
    await expect.poll(() => page.locator('#status.error').textContent()).toContain('登录失败');
    expect(await page.locator('#results li').count()).toBe(0);

    bot.fake.h5User = DT.approver;
    await page.goto(card.params.partnerPickerUrl!);
    await expect.poll(() => page.locator('#status.error').textContent()).toContain('他人');
    expect(await page.locator('#results li').count()).toBe(0);
    expect(bot.fake.delivered('PUT card/instances')).toHaveLength(0);
  });
});
