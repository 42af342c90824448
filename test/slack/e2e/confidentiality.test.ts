// R-CONFIDENTIAL and R-SCREEN over real HTTP: what the reporting partner, the
// accused partner and a stranger each see of a partner's report.
import { afterEach, expect, it } from 'vitest';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { objectToNotice, replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { APPROVER, key, OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { domainErrorOf, partnersCsv } from '../../support/service-fixtures.ts';
import { allStrings, buttonIn, caseState, CHANNELS, P2_CONTACT_ID, plainValue, startBot, textOf, type Bot } from './harness.ts';
import { isDmTo } from '../../support/fake-slack.ts';

const P2 = { platform: 'slack', userId: P2_CONTACT_ID } as const;
const DEFENCE = 'DEFENCE-TEXT-7: we were on leave';
const DEFENCE_LINK = 'https://example.com/defence-proof';
const GROUNDS = 'OBJECTION-GROUNDS-9: wrong row';
const GROUNDS_LINK = 'https://example.com/objection-proof';
const NOTE = 'INTERNAL-NOTE-3 ask legal';

/** Every string of every message the bot sent to one person's DM. */
function dmTexts(b: Bot, userId: string): string {
  return b.fake.callsTo('chat.postMessage').filter((c) => isDmTo(c, userId)).flatMap((c) => allStrings(c.args)).join('\n');
}

describeEachBackend('who sees what of a partner’s report, in Slack (R-CONFIDENTIAL, R-SCREEN)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function partnerReport(b: Bot): Promise<string> {
    const r = await reportViolation(b.w.cases, {
      key: key(), actor: P2, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'They poached our customer', evidence: [{ kind: 'link', ref: 'https://example.com/report-proof' }],
    });
    await b.deliver();
    return r.caseId;
  }

  it('the reporter never sees the defence, the accused never the reporter or the internal steps, a stranger nothing', async () => {
    bot = await startBot(getDb());
    const b = bot;
    const caseId = await partnerReport(b);
    // Taken up from the approvals channel's Send notice button.
    await b.click(OFFICER.userId, ACTIONS.noticeSend, caseId, { responseUrl: b.fake.responseUrl('notice') });
    expect(textOf((await b.fake.waitForResponseUrlPost('notice')).body)).toContain(`The notice of case *${caseId}* is sent`);
    await replyToNotice(b.w.cases, { key: key(), actor: P1_CONTACT, caseId, kind: 'dispute', text: DEFENCE, evidence: [{ kind: 'link', ref: DEFENCE_LINK }] });
    const first = await proposeDetermination(b.w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'PROPOSAL-ONE' });
    await decideDetermination(b.w.cases, { key: key(), actor: APPROVER, determinationId: first.determinationId, approve: false, note: NOTE });
    const second = await proposeDetermination(b.w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'The facts are clear' });
    await decideDetermination(b.w.cases, { key: key(), actor: APPROVER, determinationId: second.determinationId, approve: true });
    await objectToNotice(b.w.cases, { key: key(), actor: P1_CONTACT, caseId, grounds: GROUNDS, evidence: [{ kind: 'link', ref: GROUNDS_LINK }] });
    await b.deliver();

    // The defence went to staff (the approvals channel), never to the reporter.
    const approvals = b.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNELS.approvals).flatMap((c) => allStrings(c.args)).join('\n');
    expect(approvals).toContain('DEFENCE-TEXT-7');
    expect(approvals).toContain('OBJECTION-GROUNDS-9');
    const toReporter = dmTexts(b, P2_CONTACT_ID);
    expect(toReporter).toContain('Your report was taken up');
    for (const secret of ['DEFENCE-TEXT-7', DEFENCE_LINK, 'OBJECTION-GROUNDS-9', GROUNDS_LINK, 'PROPOSAL-ONE', 'INTERNAL-NOTE-3']) expect(toReporter).not.toContain(secret);
    // The accused's messages never name the reporting partner's people.
    const toAccused = dmTexts(b, P1_CONTACT.userId);
    expect(toAccused).toContain('Notice of suspected violation');
    expect(toAccused).not.toContain(P2_CONTACT_ID);

    await b.command(P2_CONTACT_ID, `show ${caseId}`, { responseUrl: b.fake.responseUrl('reporter') });
    const reporterShow = allStrings((await b.fake.waitForResponseUrlPost('reporter')).body).join('\n');
    expect(reporterShow).toContain('Taken up');
    expect(reporterShow).toContain('https://example.com/report-proof');
    for (const secret of ['DEFENCE-TEXT-7', DEFENCE_LINK, 'OBJECTION-GROUNDS-9', GROUNDS_LINK, 'PROPOSAL-ONE', 'INTERNAL-NOTE-3', 'The facts are clear', 'Object']) {
      expect(reporterShow).not.toContain(secret);
    }

    await b.command(P1_CONTACT.userId, `show ${caseId}`, { responseUrl: b.fake.responseUrl('accused') });
    const accusedReply = (await b.fake.waitForResponseUrlPost('accused')).body as { blocks: unknown };
    const accusedShow = allStrings(accusedReply).join('\n');
    expect(accusedShow).toContain('DEFENCE-TEXT-7');
    expect(accusedShow).toContain('OBJECTION-GROUNDS-9');
    expect(accusedShow).toContain('The facts are clear');
    for (const secret of [P2_CONTACT_ID, 'Reported by', 'PROPOSAL-ONE', 'INTERNAL-NOTE-3', 'rejected']) expect(accusedShow).not.toContain(secret);
    expect(buttonIn(accusedReply.blocks, ACTIONS.determineOpen)).toBeUndefined();

    await b.command(STRANGER.userId, `show ${caseId}`, { responseUrl: b.fake.responseUrl('stranger') });
    expect(textOf((await b.fake.waitForResponseUrlPost('stranger')).body)).toContain(`There is no case ${caseId} that you can see.`);
  });

  it('a dismissed report reaches the reporter with the reason, and the accused partner never hears of it', async () => {
    bot = await startBot(getDb());
    const b = bot;
    const caseId = await partnerReport(b);
    const received = b.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.dismissOpen))!;
    expect(buttonIn(received.args.blocks, ACTIONS.noticeSend)?.value).toBe(caseId);
    // A partner contact cannot even open the form.
    await b.click(P1_CONTACT.userId, ACTIONS.dismissOpen, caseId, { responseUrl: b.fake.responseUrl('not-staff') });
    expect(textOf((await b.fake.waitForResponseUrlPost('not-staff')).body)).toContain('officer');
    await b.click(OFFICER.userId, ACTIONS.dismissOpen, buttonIn(received.args.blocks, ACTIONS.dismissOpen)!.value);
    const modal = await b.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.dismiss);
    const empty = await b.submit(OFFICER.userId, modal, { reason: { [INPUTS.reasons]: plainValue('  ') } });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { reason: 'Give the reason; the reporter is told (R-SCREEN).' } });
    const done = await b.submit(OFFICER.userId, modal, { reason: { [INPUTS.reasons]: plainValue('REASON-X: the screenshot is older than the contract') } });
    expect(textOf(done.json)).toContain(`You dismissed the report in case *${caseId}*`);
    expect(await caseState(b.w.db, caseId)).toBe('dismissed');
    await b.deliver();
    expect(dmTexts(b, P2_CONTACT_ID)).toContain('REASON-X');
    // R-SCREEN: the approvals message is edited in place: who dismissed it, when, why; no buttons left.
    const edited = b.fake.callsTo('chat.update').filter((c) => c.args.channel === CHANNELS.approvals);
    expect(edited).toHaveLength(1);
    const staffText = textOf(edited[0]!.args);
    expect(staffText).toContain(`Dismissed by <@${OFFICER.userId}>`);
    expect(staffText).toContain('Mon 1 Jun 2026');
    expect(staffText).toContain('REASON-X');
    expect(buttonIn(edited[0]!.args.blocks, ACTIONS.dismissOpen)).toBeUndefined();
    expect(buttonIn(edited[0]!.args.blocks, ACTIONS.noticeSend)).toBeUndefined();
    expect(b.fake.callsTo('chat.postMessage').some((c) => isDmTo(c, P1_CONTACT.userId))).toBe(false);
    await b.command(P1_CONTACT.userId, `show ${caseId}`, { responseUrl: b.fake.responseUrl('accused') });
    expect(textOf((await b.fake.waitForResponseUrlPost('accused')).body)).toContain(`There is no case ${caseId} that you can see.`);
    await b.command(P2_CONTACT_ID, `show ${caseId}`, { responseUrl: b.fake.responseUrl('reporter') });
    expect(textOf((await b.fake.waitForResponseUrlPost('reporter')).body)).toContain('Dismissed. Reason: REASON-X');
  });

  it('/violation dismiss opens the same form for an officer', async () => {
    bot = await startBot(getDb());
    const caseId = await partnerReport(bot);
    await bot.command(OFFICER.userId, `dismiss ${caseId}`);
    const modal = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.dismiss);
    expect(JSON.parse((modal.args.view as { private_metadata: string }).private_metadata)).toEqual({ caseId });
  });

  it('a partner contact’s picker never offers its own partner to report', async () => {
    bot = await startBot(getDb());
    const options = await bot.suggest(P1_CONTACT.userId, INPUTS.partner, 'partner');
    expect((options.json as { options: { value: string }[] }).options.map((o) => o.value)).toEqual(['P2']);
    const staff = await bot.suggest(OFFICER.userId, INPUTS.partner, 'partner');
    expect((staff.json as { options: { value: string }[] }).options.map((o) => o.value).sort()).toEqual(['P1', 'P2']);
  });

  it('an approver who is also a P1 contact reports as P1: the picker leaves P1 out, as the report would refuse it (R-EVIDENCE)', async () => {
    bot = await startBot(getDb());
    // An approver with no partner cannot report at all, so is offered nothing.
    expect((await bot.suggest(APPROVER.userId, INPUTS.partner, 'partner')).json).toEqual({ options: [] });
    await importPartners(bot.w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1;U0APPROVER']], 'p1-approver.csv'));
    const options = await bot.suggest(APPROVER.userId, INPUTS.partner, 'partner');
    expect((options.json as { options: { value: string }[] }).options.map((o) => o.value)).toEqual(['P2']);
    const own = await domainErrorOf(reportViolation(bot.w.cases, { key: key(), actor: APPROVER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'x', evidence: [{ kind: 'link', ref: 'https://example.com/x' }] }));
    expect(own.code).toBe('report.own_partner');
  });

  it('an approver who is a contact of the partner concerned is refused privately (R-DETERMINE conflict of interest)', async () => {
    bot = await startBot(getDb());
    const b = bot;
    await importPartners(b.w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1;U0APPROVER']], 'p1-approver.csv'));
    const r = await reportViolation(b.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    const p = await proposeDetermination(b.w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    await b.click(APPROVER.userId, ACTIONS.determinationApprove, String(p.determinationId), { responseUrl: b.fake.responseUrl('conflict') });
    const told = await b.fake.waitForResponseUrlPost('conflict');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(told.body)).toContain(`You may not decide case ${r.caseId}: you are a contact of the partner concerned (R-DETERMINE)`);
    expect(await caseState(b.w.db, r.caseId)).toBe('determination_proposed');
    // App Home says why, and offers no Approve button to this approver.
    await b.homeOpened(APPROVER.userId);
    const home = await b.fake.waitFor('views.publish', (c) => c.args.user_id === APPROVER.userId);
    expect(allStrings(home.args.view).join('\n')).toContain('Another approver must decide it: you are a contact of the partner concerned');
    expect(buttonIn((home.args.view as { blocks: unknown }).blocks, ACTIONS.determinationApprove)).toBeUndefined();
  });
});
