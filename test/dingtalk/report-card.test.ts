// `违规 上报` / `violation report`: the report form is an interactive card
// (no modals in DingTalk); its submission comes back as a card callback and
// goes through the same use case and checks as Slack's report modal.
import { afterEach, expect, it } from 'vitest';
import { countRows } from '../slack/e2e/harness.ts';
import { describeEachBackend } from '../support/databases.ts';
import { CARD_CREATE, DT, outcomeOfCard, REPORT_TEMPLATE, startDingTalkBot, type DingTalkBot } from './support/dingtalk-bot.ts';

const FORM = { partner: 'P1', item: 'SVC-09', occurred_on: '2026-05-20', facts: 'Late service on ticket 42', links: ['https://example.com/proof/1'] };

describeEachBackend('the DingTalk report card (issue 12, R-EVIDENCE)', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function cardOf(b: DingTalkBot, userId: string, text: string) {
    await b.say(userId, text);
    const card = b.fake.delivered(CARD_CREATE).at(-1)!;
    expect(card.body.openSpaceId).toBe(`dtv1.card//IM_ROBOT.${userId}`);
    return { outTrackId: card.body.outTrackId as string, params: (card.body.cardData as { cardParamMap: Record<string, string> }).cardParamMap, body: card.body };
  }

  it('an officer gets the form card in their language, with every partner and the catalog; filing it updates the card to "filed V-…"', async () => {
    bot = await startDingTalkBot(getDb());
    const card = await cardOf(bot, DT.officer, '违规 上报');
    expect(card.body.cardTemplateId).toBe(REPORT_TEMPLATE);
    expect(card.params.title).toBe('举报疑似违规');
    expect((JSON.parse(card.params.partnerOptions!) as { value: string }[]).map((o) => o.value).sort()).toEqual(['P1', 'P2']);
    expect((JSON.parse(card.params.itemOptions!) as { value: string }[]).map((o) => o.value)).toContain('SVC-09');
    const en = await cardOf(bot, DT.approver2, 'violation report').catch(() => null);
    expect(en).toBeNull(); // an approver without the officer role gets no card…
    expect(bot.dms(DT.approver2).at(-1)).toMatch(/⚠️.*officer/); // …but says why

    const answer = await bot.click(DT.officer, 'reportSubmit', FORM, { outTrackId: card.outTrackId });
    expect(outcomeOfCard(answer)).toMatchObject({ outcome: 'filed' });
    expect(answer.cardData!.cardParamMap.caseId).toBe('V-000001');
    expect(answer.cardData!.cardParamMap.message).toContain('V-000001');
    expect(await countRows(bot.w.db, 'cases')).toBe(1);
  });

  it('a bad form is refused on the card, under its field, and nothing is written; the corrected form then files once', async () => {
    bot = await startDingTalkBot(getDb());
    const card = await cardOf(bot, DT.officer, 'violation report');
    expect(card.params.title).toBe('Report a suspected violation');
    const audit = await countRows(bot.w.db, 'audit_events');
    const empty = await bot.click(DT.officer, 'reportSubmit', { ...FORM, facts: '  ', locale: card.params.locale }, { outTrackId: card.outTrackId });
    expect(empty.cardData!.cardParamMap).toMatchObject({ status: 'error', factsError: 'Describe the facts of the violation.' });
    const future = await bot.click(DT.officer, 'reportSubmit', { ...FORM, occurred_on: '2027-01-01' }, { outTrackId: card.outTrackId });
    expect(future.cardData!.cardParamMap.status).toBe('error');
    expect(future.cardData!.cardParamMap.occurredOnError).not.toBe('');
    const noItem = await bot.click(DT.officer, 'reportSubmit', { ...FORM, item: { value: 'NOPE-1' } }, { outTrackId: card.outTrackId });
    expect(noItem.cardData!.cardParamMap.status).toBe('error');
    expect(await countRows(bot.w.db, 'cases')).toBe(0);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    // A DATE answering a timestamp and a SELECT answering its option object read the same.
    const ok = await bot.click(DT.officer, 'reportSubmit', { ...FORM, partner: { value: 'P1', text: 'Partner One (P1)' }, occurred_on: Date.parse('2026-05-20T03:00:00+08:00') }, { outTrackId: card.outTrackId });
    expect(outcomeOfCard(ok).outcome).toBe('filed');
    // Pressed again with the same form (a double press): still one case.
    const again = await bot.click(DT.officer, 'reportSubmit', { ...FORM, partner: { value: 'P1', text: 'Partner One (P1)' }, occurred_on: Date.parse('2026-05-20T03:00:00+08:00') }, { outTrackId: card.outTrackId });
    expect(again.cardData!.cardParamMap.caseId).toBe('V-000001');
    expect(await countRows(bot.w.db, 'cases')).toBe(1);
  });

  it('R-EVIDENCE: a partner’s contact may report another partner, never its own, and only with evidence', async () => {
    bot = await startDingTalkBot(getDb());
    const card = await cardOf(bot, DT.otherContact, 'violation report');
    expect((JSON.parse(card.params.partnerOptions!) as { value: string }[]).map((o) => o.value)).toEqual(['P1']);
    expect(card.params.linksHint).toContain('R-EVIDENCE');
    const noProof = await bot.click(DT.otherContact, 'reportSubmit', { ...FORM, links: [] }, { outTrackId: card.outTrackId });
    expect(noProof.cardData!.cardParamMap.evidenceError).toContain('R-EVIDENCE');
    const own = await bot.click(DT.otherContact, 'reportSubmit', { ...FORM, partner: 'P2' }, { outTrackId: card.outTrackId });
    expect(own.cardData!.cardParamMap.status).toBe('error');
    expect(await countRows(bot.w.db, 'cases')).toBe(0);
    const filed = await bot.click(DT.otherContact, 'reportSubmit', FORM, { outTrackId: card.outTrackId });
    expect(outcomeOfCard(filed).outcome).toBe('filed');
    // A stranger gets no card, and is told why.
    await bot.say(DT.stranger, '违规 上报');
    expect(bot.dms(DT.stranger).at(-1)).toMatch(/^⚠️/);
    expect(bot.fake.delivered(CARD_CREATE).filter((c) => c.body.openSpaceId === `dtv1.card//IM_ROBOT.${DT.stranger}`)).toEqual([]);
    // A stranger's forged submission is refused by the use case.
    const forged = await bot.click(DT.stranger, 'reportSubmit', FORM, { outTrackId: 'report.forged.1' });
    expect(forged.cardData!.cardParamMap.status).toBe('error');
    expect(await countRows(bot.w.db, 'cases')).toBe(1);
  });

  it('a replayed submission callback (same Stream messageId) changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const card = await cardOf(bot, DT.officer, 'violation report');
    await bot.click(DT.officer, 'reportSubmit', FORM, { outTrackId: card.outTrackId, messageId: 'stream-msg-1' });
    const audit = await countRows(bot.w.db, 'audit_events');
    const replay = await bot.click(DT.officer, 'reportSubmit', { ...FORM, facts: 'different' }, { outTrackId: card.outTrackId, messageId: 'stream-msg-1' });
    expect(replay).toEqual({});
    expect(await countRows(bot.w.db, 'cases')).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
  });

  it('without a card template the command says it is not set up', async () => {
    bot = await startDingTalkBot(getDb(), { reportCardTemplateId: null });
    expect(await bot.say(DT.officer, '违规 上报')).toContain('DINGTALK_REPORT_CARD_TEMPLATE_ID');
  });
});
