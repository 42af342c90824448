// A partner's contacts answer the notice from its DM; nobody else can answer for them.
import { afterEach, expect, it } from 'vitest';
import { reportViolation } from '../../../src/service/cases/report-violation.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT, STRANGER, key } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { caseState, countRows, plainValue, startBot, textOf, type Bot } from './harness.ts';

describeEachBackend('partner contacts replying from Slack', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function reported(b: Bot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    return r.caseId;
  }

  it('records an Accept from the contact and answers the DM privately', async () => {
    bot = await startBot(getDb());
    const caseId = await reported(bot);
    await bot.click(P1_CONTACT.userId, ACTIONS.replyAccept, caseId, { responseUrl: bot.fake.responseUrl('accept') });
    const told = await bot.fake.waitForResponseUrlPost('accept');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(told.body)).toContain(`Your acceptance of case *${caseId}* is recorded`);
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');
    expect(await countRows(bot.w.db, 'case_replies', "kind = 'accept'")).toBe(1);
  });

  it('refuses someone who is not the partner’s contact, privately and in their language, writing nothing', async () => {
    bot = await startBot(getDb(), { locales: { [STRANGER.userId]: 'zh-CN', [OFFICER.userId]: 'zh-CN' } });
    const caseId = await reported(bot);
    // Staff know the case, so they are told why.
    await bot.click(OFFICER.userId, ACTIONS.replyAccept, caseId, { responseUrl: bot.fake.responseUrl('staff') });
    const staff = await bot.fake.waitForResponseUrlPost('staff');
    expect(staff.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(staff.body)).toContain(`只有该合作伙伴的联系人才能就案件 ${caseId} 作出回复`);
    // To a stranger the case does not exist (R-CONFIDENTIAL): the answer for a case number never used.
    await bot.click(STRANGER.userId, ACTIONS.replyAccept, caseId, { responseUrl: bot.fake.responseUrl('stranger') });
    const told = await bot.fake.waitForResponseUrlPost('stranger');
    expect(told.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(told.body)).toContain(`没有你可查看的案件 ${caseId}`);
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_reply');
    expect(await countRows(bot.w.db, 'case_replies')).toBe(0);
    expect(await countRows(bot.w.db, 'command_log', "action = 'case.reply'")).toBe(0);
  });

  it('shows a stranger’s dispute refused inline in the modal', async () => {
    bot = await startBot(getDb());
    const caseId = await reported(bot);
    await bot.click(STRANGER.userId, ACTIONS.replyDispute, caseId);
    const modal = await bot.fake.waitFor('views.open', (c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.dispute);
    const res = await bot.submit(STRANGER.userId, modal, {
      text: { [INPUTS.text]: plainValue('Not us') },
      evidence: { [INPUTS.links]: plainValue('https://example.com/proof') },
    });
    // R-CONFIDENTIAL: a stranger is not told the case exists.
    expect(res.json).toEqual({ response_action: 'errors', errors: { text: expect.stringContaining(`There is no case ${caseId} that you can see`) } });
    expect(await countRows(bot.w.db, 'case_replies')).toBe(0);
  });

  it('asks for proof inline when a dispute comes without any, and takes it once proof is added', async () => {
    bot = await startBot(getDb());
    const caseId = await reported(bot);
    await bot.click(P1_CONTACT.userId, ACTIONS.replyDispute, caseId);
    const modal = await bot.fake.waitFor('views.open');
    const bare = await bot.submit(P1_CONTACT.userId, modal, { text: { [INPUTS.text]: plainValue('It was on time') }, evidence: { [INPUTS.links]: plainValue(null) } });
    expect(bare.json).toEqual({ response_action: 'errors', errors: { evidence: 'A dispute needs proof (R-REPLY, §5.4.1): add a link or a file.' } });
    const badLink = await bot.submit(P1_CONTACT.userId, modal, { text: { [INPUTS.text]: plainValue('It was on time') }, evidence: { [INPUTS.links]: plainValue('see the log') } });
    expect(badLink.json).toEqual({ response_action: 'errors', errors: { evidence: 'Each line must be one web link starting with http:// or https://.' } });
    // The same modal, corrected: an uploaded file is proof too.
    const withFile = await bot.submit(P1_CONTACT.userId, modal, {
      text: { [INPUTS.text]: plainValue('It was on time') },
      evidence_files: { [INPUTS.files]: { type: 'file_input', files: [{ id: 'F0123ABCD', name: 'log.png' }] } },
    });
    expect(withFile.json).toMatchObject({ response_action: 'update' });
    expect(await countRows(bot.w.db, 'case_evidence', "kind = 'file' and ref = 'F0123ABCD' and purpose = 'dispute'")).toBe(1);
  });
});
