// Partner complaints on DingTalk (R-COMPLAINT, issue 12), the same use cases
// as Slack's `/partner complaint` modal and its Answer button: a partner's
// contact files with a text command (`伙伴 投诉 …` / `partner complaint …`),
// the approvals group gets the card, the officer answers on it in a form in
// their own view of the card. Inbound is the real path (Stream WebSocket →
// DingTalkInbound → handlers); outbound the real outbox and DingTalk notifier
// to the fake DingTalk. Bad input is answered where it was typed and changes
// nothing; to anyone not staff a complaint does not exist.
import { afterEach, expect, it } from 'vitest';
import { importPartners } from '../../src/service/imports/import-partners.ts';
import { describeEachBackend } from '../support/databases.ts';
import { countRows } from '../slack/e2e/harness.ts';
import { realOutbound } from './support/real-outbound.ts';
import { CARD_CREATE, DT, outcomeOfCard, startDingTalkBot, type CardAnswerSeen, type DingTalkBot } from './support/dingtalk-bot.ts';

const CARD_UPDATE = 'PUT card/instances';
/** A contact of both partners (P1 and P2). */
const BOTH = 'dt0both';

/** Markdown as read: user text is escaped (`\\(`), the reader sees it plain. */
const read = (md: string | undefined): string => (md ?? '').replace(/\\(.)/g, '$1');

function formOf(a: CardAnswerSeen): Record<string, string> {
  expect(a.cardData).toBeUndefined(); // nobody else's card changes
  return a.userPrivateData!.cardParamMap;
}

describeEachBackend('partner complaints on DingTalk (R-COMPLAINT)', (getDb) => {
  let bot: DingTalkBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function filed(b: DingTalkBot): Promise<string> {
    const said = await b.say(DT.ownContact, 'partner complaint Late rebate | The Q1 rebate was paid 5 weeks late');
    const id = /C-\d{6}/.exec(said)?.[0];
    expect(id, said).toBeDefined();
    return id!;
  }

  it('a contact files by command, the approvals card arrives with its Answer button; the officer answers on the card; the partner is told and the card updated', async () => {
    bot = await startDingTalkBot(getDb());
    const out = realOutbound(bot);
    const said = await bot.say(DT.ownContact, '伙伴 投诉 返利延迟 | 第一季度返利晚了 5 周 | 见对账单', { msgId: 'complaint-1' });
    expect(said).toMatch(/投诉 \*\*C-\d{6}\*\* 已提交/);
    const complaintId = /C-\d{6}/.exec(said)![0];
    // The first `|` ends the subject; the text keeps the rest.
    expect(await countRows(bot.w.db, 'complaints', `partner_id = 'P1' and subject = '返利延迟' and text = '第一季度返利晚了 5 周 | 见对账单' and filed_by = 'dingtalk:dt0p1' and state = 'filed'`)).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events', "action = 'complaint.filed'")).toBe(1);
    // A re-pushed robot message files once.
    await bot.say(DT.ownContact, '伙伴 投诉 返利延迟 | 第一季度返利晚了 5 周 | 见对账单', { msgId: 'complaint-1' }).catch(() => '');
    expect(await countRows(bot.w.db, 'complaints')).toBe(1);

    await out.deliver();
    expect(out.delivered()).toContain('complaint_filed → #approvals');
    const card = bot.fake.delivered(CARD_CREATE).findLast((c) => JSON.stringify(c.body.cardData).includes('complaintAnswerOpen'))!;
    expect(card).toBeDefined();
    expect(JSON.stringify(card.body.cardData)).toContain(complaintId);
    const outTrackId = card.body.outTrackId as string;

    const form = formOf(await bot.click(DT.officer, 'complaintAnswerOpen', { value: complaintId, locale: 'en' }, { outTrackId }));
    expect(form).toMatchObject({ status: 'complaintAnswerForm', formTitle: 'Answer complaint', formComplaintId: complaintId, answerLabel: 'Answer', submitLabel: 'Send answer', answerError: '', locale: 'en' });
    expect(read(form.formIntro)).toContain('Partner One (P1)');
    expect(read(form.formIntro)).toContain('返利延迟');
    expect(read(form.formIntro)).toContain('第一季度返利晚了 5 周');

    // An empty answer: the form again, the error under the field, nothing written.
    const audit = await countRows(bot.w.db, 'audit_events');
    const empty = formOf(await bot.click(DT.officer, 'complaintAnswerSubmit', { value: complaintId, locale: 'en', answer: '   ' }, { outTrackId }));
    expect(empty).toMatchObject({ status: 'complaintAnswerForm', answerError: 'Write the answer to the complaint.', message: 'Nothing was sent; correct the fields marked and send again.', formComplaintId: complaintId });
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await countRows(bot.w.db, 'complaints', "state = 'filed'")).toBe(1);

    const submit = { value: complaintId, locale: 'en', answer: 'The rebate was paid on 2026-06-10; see the statement.' };
    const done = await bot.click(DT.officer, 'complaintAnswerSubmit', submit, { outTrackId, messageId: 'answer-1' });
    expect(outcomeOfCard(done)).toMatchObject({ outcome: 'done', message: expect.stringContaining(`Complaint ${complaintId} is answered`) });
    expect(done.userPrivateData!.cardParamMap.status).toBe('done'); // the clicker's form closes
    expect(await countRows(bot.w.db, 'complaints', `state = 'answered' and answered_by = 'dingtalk:dt0officer' and answer = '${submit.answer}'`)).toBe(1);

    // Replayed (the same delivery) and pressed again (a new delivery, the same form): one answer.
    const after = await countRows(bot.w.db, 'audit_events');
    expect(await bot.click(DT.officer, 'complaintAnswerSubmit', submit, { outTrackId, messageId: 'answer-1' })).toEqual({});
    expect(outcomeOfCard(await bot.click(DT.officer, 'complaintAnswerSubmit', submit, { outTrackId })).outcome).toBe('done');
    // Another answer: refused in words, nothing changed.
    const second = outcomeOfCard(await bot.click(DT.officer, 'complaintAnswerSubmit', { ...submit, answer: 'Something else' }, { outTrackId }));
    expect(second).toMatchObject({ outcome: 'refused', message: expect.stringContaining('already been answered') });
    expect(outcomeOfCard(await bot.click(DT.officer, 'complaintAnswerOpen', { value: complaintId, locale: 'en' }, { outTrackId }))).toMatchObject({ outcome: 'refused', message: expect.stringContaining('already been answered') });
    expect(await countRows(bot.w.db, 'audit_events')).toBe(after);
    expect(await countRows(bot.w.db, 'complaints', `answer = '${submit.answer}'`)).toBe(1);

    // The partner's contacts are told; the approvals card is edited in place.
    const updates = bot.fake.delivered(CARD_UPDATE).length;
    await out.deliver();
    expect(out.delivered()).toContain(`complaint_answered → ${DT.ownContact}`);
    expect(out.delivered()).toEqual(expect.arrayContaining([expect.stringMatching(/^complaint_closed → update #\d+$/)]));
    expect(bot.fake.delivered(CARD_UPDATE).length).toBeGreaterThan(updates);
    expect(JSON.stringify(bot.fake.delivered(CARD_UPDATE).at(-1)!.body)).not.toContain('complaintAnswerOpen');
  });

  it('the Answer button and a forged submit: staff without the officer role are told which role; to everyone not staff the complaint does not exist; nothing changes', async () => {
    bot = await startDingTalkBot(getDb());
    const complaintId = await filed(bot);
    const audit = await countRows(bot.w.db, 'audit_events');
    const missing = outcomeOfCard(await bot.click(DT.stranger, 'complaintAnswerOpen', { value: 'C-999999', locale: 'en' }));
    expect(missing).toMatchObject({ outcome: 'refused', message: 'No such complaint.' });
    for (const who of ['approver', 'finance', 'admin'] as const) {
      const open = outcomeOfCard(await bot.click(DT[who], 'complaintAnswerOpen', { value: complaintId, locale: 'en' }));
      expect({ who, ...open }).toMatchObject({ who, outcome: 'refused', message: expect.stringContaining('the officer role') });
      const forged = outcomeOfCard(await bot.click(DT[who], 'complaintAnswerSubmit', { value: complaintId, locale: 'en', answer: 'forged' }));
      expect({ who, ...forged }).toMatchObject({ who, outcome: 'refused', message: expect.stringContaining('the officer role') });
    }
    // The filing partner's own contact, another partner's, a stranger: the reply for a complaint never filed, empty answer or not.
    for (const who of ['ownContact', 'otherContact', 'stranger'] as const) {
      const open = outcomeOfCard(await bot.click(DT[who], 'complaintAnswerOpen', { value: complaintId, locale: 'en' }));
      expect({ who, ...open }).toEqual({ who, outcome: 'refused', message: missing.message });
      for (const answer of ['forged', '']) {
        const forged = await bot.click(DT[who], 'complaintAnswerSubmit', { value: complaintId, locale: 'en', answer });
        expect({ who, answer, ...outcomeOfCard(forged) }).toEqual({ who, answer, outcome: 'refused', message: missing.message });
        expect(forged.userPrivateData!.cardParamMap.formIntro).toBeUndefined();
      }
    }
    const tampered = outcomeOfCard(await bot.click(DT.officer, 'complaintAnswerSubmit', { value: 'C-1; drop table complaints', answer: 'x' }));
    expect(tampered.outcome).toBe('refused');
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    expect(await countRows(bot.w.db, 'complaints', "state = 'filed'")).toBe(1);
  });

  it('filing is for partner contacts: staff and strangers are told why, privately; a contact of two partners must name one, and a partner not theirs does not exist', async () => {
    bot = await startDingTalkBot(getDb());
    const header = 'partner_id,name,category,level,contact_slack_ids,contact_dingtalk_ids';
    await importPartners(bot.w.deps, { name: 'dt-partners-2.csv', text: `${header}\nP1,Partner One,consulting_sales,gold,U0PARTNER1,${DT.ownContact};${BOTH}\nP2,Partner Two,service,silver,,${DT.otherContact};${BOTH}\n` });
    const audit = await countRows(bot.w.db, 'audit_events');
    expect(await bot.say(DT.officer, 'partner complaint Late | late')).toContain('Complaints are filed by partners against the vendor; staff record breaches as cases (R-COMPLAINT).');
    expect(await bot.say(DT.admin, 'partner complaint Late | late')).toContain('staff record breaches as cases');
    expect(await bot.say(DT.stranger, 'partner complaint Late | late')).toContain('Only a partner’s contact can file a complaint (R-COMPLAINT).');
    expect(await bot.say(DT.stranger, '伙伴 投诉 迟到 | 迟到')).toContain('只有合作伙伴的联系人可以提交投诉');

    const choose = await bot.say(BOTH, 'partner complaint Late | late');
    expect(read(choose)).toContain('Partner One (P1), Partner Two (P2)');
    expect(choose).toContain('`partner complaint #P1 SUBJECT | TEXT`');
    expect(await bot.say(DT.ownContact, 'partner complaint #P2 Late | late')).toContain('No such partner.');
    expect(await bot.say(BOTH, 'partner complaint #P9 Late | late')).toContain('No such partner.');
    // Bad input: the usage, or the use case's words; nothing filed.
    expect(await bot.say(DT.ownContact, 'partner complaint')).toContain('`|`');
    expect(await bot.say(DT.ownContact, 'partner complaint Late rebate')).toContain('`partner complaint #P001 Late invoice | …`');
    expect(await bot.say(DT.ownContact, 'partner complaint Late | ')).toContain('Describe what the complaint is about.');
    expect(await bot.say(DT.ownContact, '伙伴 投诉 | 内容')).toContain('请填写投诉主题');
    expect(await countRows(bot.w.db, 'complaints')).toBe(0);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);

    expect(await bot.say(BOTH, 'partner complaint #P2 Late | late')).toMatch(/Complaint \*\*C-\d{6}\*\* is filed/);
    expect(await bot.say(BOTH, '伙伴 投诉 ＃P1 迟到｜迟到了\n\n第二段')).toMatch(/已提交/);
    expect(await countRows(bot.w.db, 'complaints', `filed_by = 'dingtalk:${BOTH}'`)).toBe(2);
    expect(await countRows(bot.w.db, 'complaints', "partner_id = 'P2' and subject = 'Late'")).toBe(1);
    expect(await countRows(bot.w.db, 'complaints', "partner_id = 'P1' and subject = '迟到' and text = E'迟到了\\n\\n第二段'")).toBe(1);
  });
});
