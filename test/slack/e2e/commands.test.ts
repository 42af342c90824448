// The slash commands that only read, the help, App Home and /healthz.
import { afterEach, expect, it } from 'vitest';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { ACTIONS } from '../../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT, STRANGER, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { buttonIn, P2_CONTACT_ID, startBot, textOf, type Bot } from './harness.ts';

describeEachBackend('slash commands, help, App Home and the health check', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const report = (b: Bot, facts = 'Late service') =>
    reportViolation(b.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts, evidence: [] });

  it('answers an unknown subcommand with the help, privately, and so does /violation help', async () => {
    bot = await startBot(getDb());
    const res = await bot.command(STRANGER.userId, 'frobnicate <!channel>', { responseUrl: bot.fake.responseUrl('unknown') });
    expect([res.status, res.body]).toEqual([200, '']);
    const help = await bot.fake.waitForResponseUrlPost('unknown');
    expect(help.body).toMatchObject({ response_type: 'ephemeral' });
    const text = textOf(help.body);
    expect(text).toContain('I don’t know “frobnicate &lt;!channel&gt;”');
    for (const c of ['/violation report', '/violation list', '/violation show', '/violation determine', '/violation answer', '/violation notice', '/partner status']) expect(text).toContain(c);
    await bot.command(STRANGER.userId, '', { responseUrl: bot.fake.responseUrl('empty') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('empty')).body)).toContain('/violation report');
    await bot.command(STRANGER.userId, 'show', { responseUrl: bot.fake.responseUrl('usage') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('usage')).body)).toContain('Give the case: `/violation show V-000012`.');
  });

  it('lists cases a person may see, paginated, and refuses to show a case to a stranger', async () => {
    bot = await startBot(getDb());
    for (let i = 0; i < 12; i++) await report(bot, `Late service #${i}`);
    await bot.command(OFFICER.userId, 'list open', { responseUrl: bot.fake.responseUrl('page0') });
    const page0 = (await bot.fake.waitForResponseUrlPost('page0')).body;
    expect(textOf(page0)).toContain('1–10 of 12');
    expect(textOf(page0)).toContain('V-000012');
    const next = buttonIn((page0 as { blocks: unknown }).blocks, ACTIONS.listPage)!;
    await bot.click(OFFICER.userId, ACTIONS.listPage, next.value, { responseUrl: bot.fake.responseUrl('page1') });
    const page1 = (await bot.fake.waitForResponseUrlPost('page1')).body;
    expect(page1).toMatchObject({ replace_original: true });
    expect(textOf(page1)).toContain('11–12 of 12');
    expect(buttonIn((page1 as { blocks: unknown }).blocks, ACTIONS.listPagePrev)).toBeDefined();

    await bot.command(P2_CONTACT_ID, 'list P1', { responseUrl: bot.fake.responseUrl('other') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('other')).body)).toContain('No cases.');
    await bot.command(STRANGER.userId, 'show V-000001', { responseUrl: bot.fake.responseUrl('show') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('show')).body)).toContain('There is no case V-000001 that you can see.');
    await bot.command(P1_CONTACT.userId, 'show 1', { responseUrl: bot.fake.responseUrl('mine') });
    const shown = (await bot.fake.waitForResponseUrlPost('mine')).body as { blocks: unknown };
    expect(textOf(shown)).toContain('Case V-000001');
    expect(buttonIn(shown.blocks, ACTIONS.replyAccept)).toBeDefined();
    expect(buttonIn(shown.blocks, ACTIONS.determineOpen)).toBeUndefined();
  });

  it('shows a partner’s standing to staff and to its own contacts only', async () => {
    bot = await startBot(getDb());
    await bot.command(OFFICER.userId, 'status P1', { command: '/partner', responseUrl: bot.fake.responseUrl('staff') });
    const standing = textOf((await bot.fake.waitForResponseUrlPost('staff')).body);
    for (const part of ['Standing of Partner One (P1)', 'Valid sanctions', 'Next Class 2 violation', 'CNY 5,000.00', 'Restrictions in force', 'Amount owed']) expect(standing).toContain(part);
    await bot.command(P1_CONTACT.userId, 'status P1', { command: '/partner', responseUrl: bot.fake.responseUrl('own') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('own')).body)).toContain('Standing of Partner One (P1)');
    await bot.command(P2_CONTACT_ID, 'status P1', { command: '/partner', responseUrl: bot.fake.responseUrl('other') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('other')).body)).toContain('No such partner.');
    await bot.command(OFFICER.userId, 'whatever', { command: '/partner', responseUrl: bot.fake.responseUrl('usage') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('usage')).body)).toContain('/partner status P1');
  });

  it('sends the notice of a partner’s report from /violation notice', async () => {
    bot = await startBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: { platform: 'slack', userId: P2_CONTACT_ID }, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Seen it', evidence: [{ kind: 'link', ref: 'https://example.com/x' }] });
    await bot.command(OFFICER.userId, `notice ${r.caseId}`, { responseUrl: bot.fake.responseUrl('notice') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('notice')).body)).toContain(`The notice of case *${r.caseId}* is sent; the partner must reply by *Thu 4 Jun 2026, 23:59:59 (Beijing time)*`);
    await bot.command(OFFICER.userId, `notice ${r.caseId}`, { responseUrl: bot.fake.responseUrl('again') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('again')).body)).toContain(`Case ${r.caseId} is waiting for the partner’s reply; it cannot have its notice sent now.`);
  });

  it('publishes App Home: the staff queue with its buttons, and a contact’s own cases and standing', async () => {
    bot = await startBot(getDb());
    await report(bot);
    await bot.homeOpened(OFFICER.userId);
    const staff = await bot.fake.waitFor('views.publish', (c) => c.args.user_id === OFFICER.userId);
    const staffView = staff.args.view as { type: string; blocks: unknown[] };
    expect(staffView.type).toBe('home');
    expect(staffView.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(staffView)).toContain('Waiting for partners’ replies');
    expect(textOf(staffView)).toContain('V-000001');
    expect(buttonIn(staffView.blocks, ACTIONS.reportOpen)).toBeDefined();

    await bot.homeOpened(P1_CONTACT.userId);
    const contact = await bot.fake.waitFor('views.publish', (c) => c.args.user_id === P1_CONTACT.userId);
    expect(textOf(contact.args.view)).toContain('Standing of Partner One (P1)');
    expect(buttonIn((contact.args.view as { blocks: unknown }).blocks, ACTIONS.replyAccept)?.value).toBe('V-000001');

    // Accepting from App Home answers by DM (there is no response_url) and refreshes the tab.
    bot.fake.reset();
    await bot.click(P1_CONTACT.userId, ACTIONS.replyAccept, 'V-000001', { fromHome: true });
    const dm = await bot.fake.waitFor('chat.postMessage', (c) => c.args.channel === P1_CONTACT.userId);
    expect(textOf(dm.args)).toContain('Your acceptance of case *V-000001* is recorded');
    await bot.fake.waitFor('views.publish', (c) => c.args.user_id === P1_CONTACT.userId);

    await bot.homeOpened(STRANGER.userId);
    expect(textOf((await bot.fake.waitFor('views.publish', (c) => c.args.user_id === STRANGER.userId)).args.view)).toContain('no role in the violation procedure');
  });

  it('opens the same steps from the staff buttons: Send notice, Determine, and Answer (refused when there is no objection)', async () => {
    bot = await startBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: { platform: 'slack', userId: P2_CONTACT_ID }, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Seen it', evidence: [{ kind: 'link', ref: 'https://example.com/x' }] });
    await bot.deliver();
    const received = bot.fake.callsTo('chat.postMessage').find((c) => buttonIn(c.args.blocks, ACTIONS.noticeSend))!;
    await bot.click(OFFICER.userId, ACTIONS.noticeSend, buttonIn(received.args.blocks, ACTIONS.noticeSend)!.value, { responseUrl: bot.fake.responseUrl('sent') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('sent')).body)).toContain(`The notice of case *${r.caseId}* is sent`);
    // R-SCREEN: the report's approvals message now says who sent the notice, with no buttons left to click.
    await bot.deliver();
    const edited = bot.fake.callsTo('chat.update').filter((c) => c.args.channel === received.args.channel);
    expect(edited).toHaveLength(1);
    expect(textOf(edited[0]!.args)).toContain(`Notice sent by <@${OFFICER.userId}>`);
    expect(buttonIn(edited[0]!.args.blocks, ACTIONS.noticeSend)).toBeUndefined();
    expect(buttonIn(edited[0]!.args.blocks, ACTIONS.dismissOpen)).toBeUndefined();
    await bot.click(OFFICER.userId, ACTIONS.determineOpen, r.caseId);
    expect(((await bot.fake.waitFor('views.open')).args.view as { callback_id: string }).callback_id).toBe('determine_submit');
    await bot.click(OFFICER.userId, ACTIONS.answerOpen, r.caseId, { responseUrl: bot.fake.responseUrl('answer') });
    expect(textOf((await bot.fake.waitForResponseUrlPost('answer')).body)).toContain(`Case ${r.caseId} is waiting for the partner’s reply; it cannot take an answer to an objection now.`);
    expect(bot.fake.callsTo('views.open')).toHaveLength(1);
  });

  it('pages through App Home with its Next button', async () => {
    bot = await startBot(getDb());
    for (let i = 0; i < 10; i++) await report(bot, `Late #${i}`);
    await bot.homeOpened(OFFICER.userId);
    const first = await bot.fake.waitFor('views.publish');
    const next = buttonIn((first.args.view as { blocks: unknown }).blocks, ACTIONS.homePage)!;
    expect(next.value).toBe('1');
    bot.fake.reset();
    await bot.click(OFFICER.userId, ACTIONS.homePage, next.value, { fromHome: true });
    const second = await bot.fake.waitFor('views.publish');
    const text = textOf(second.args.view);
    expect(text).toContain('V-000002');
    expect(text).not.toContain('V-000010');
    expect(buttonIn((second.args.view as { blocks: unknown }).blocks, ACTIONS.homePagePrev)?.value).toBe('0');
  });

  it('answers /healthz with 200 while the database answers, and 503 once it is gone', async () => {
    bot = await startBot(getDb());
    const ok = await fetch(`${bot.baseUrl}/healthz`);
    expect([ok.status, await ok.text()]).toEqual([200, 'ok']);
    await bot.w.database.close();
    const down = await fetch(`${bot.baseUrl}/healthz`);
    expect(down.status).toBe(503);
  });
});
