// R-COMPLAINT in Slack, over real HTTP with signed requests and the fake Slack:
// staff answer a partner's complaint from the approvals message (button →
// modal → the same answerComplaint as the CLI), the message is edited to say
// so, a second answer is refused, and to anyone not staff the complaint does
// not exist. A contact of several partners picks which one complains, from
// their own partners only.
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { fileComplaint } from '../../../src/service/complaints/file-complaint.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { FINANCE, key, OFFICER, P1_CONTACT, STRANGER } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { partnersCsv, query } from '../../support/service-fixtures.ts';
import { buttonIn, CHANNELS, countRows, P2_CONTACT_ID, plainValue, selected, startBot, textOf, type Bot } from './harness.ts';
import type { RecordedCall } from '../../support/fake-slack.ts';

const callbackOf = (c: RecordedCall) => (c.args.view as { callback_id?: string }).callback_id;

/** P1's contact files a complaint; its approvals message is delivered; returns the Answer button's value. */
async function filed(bot: Bot): Promise<string> {
  await fileComplaint(bot.w.cases, { key: key('file'), actor: P1_CONTACT, subject: 'Rebate not paid', text: 'The May rebate has not arrived.', evidence: [] });
  await bot.deliver();
  const post = bot.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.complaintAnswerOpen));
  expect(post).toBeDefined();
  return buttonIn(post!.args.blocks, ACTIONS.complaintAnswerOpen)!.value;
}

let n = 0;
/** A click, and the private answer to it (or the modal it opened). */
async function clickAnswer(bot: Bot, userId: string, value: string): Promise<{ opened?: RecordedCall; text?: string }> {
  const id = `ca-${++n}`;
  const before = bot.fake.callsTo('views.open').length;
  await bot.click(userId, ACTIONS.complaintAnswerOpen, value, { responseUrl: bot.fake.responseUrl(id) });
  const opened = bot.fake.waitFor('views.open', () => bot.fake.callsTo('views.open').length > before, 5000).then(() => ({ opened: bot.fake.callsTo('views.open').at(-1)! }));
  const answered = bot.fake.waitForResponseUrlPost(id, undefined, 5000).then((p) => ({ text: textOf(p.body) }));
  return Promise.race([opened, answered]);
}

const answerValues = (text: string) => ({ answer: { [INPUTS.text]: plainValue(text) } });

async function complaintRow(bot: Bot) {
  const [row] = await query<{ state: string; answer: string | null; answered_by: string | null }>(bot.w.db, sql`select state, answer, answered_by from complaints`);
  return row;
}

describeEachBackend('answering a complaint in Slack (R-COMPLAINT)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('an officer answers with the button and the modal; the partner is told, the approvals message is edited, all audited once', async () => {
    bot = await startBot(getDb(), { locales: { [P1_CONTACT.userId]: 'zh-CN' } });
    const id = await filed(bot);
    expect(id).toBe('C-000001');
    const { opened } = await clickAnswer(bot, OFFICER.userId, id);
    expect(callbackOf(opened!)).toBe(VIEWS.complaintAnswer);
    expect(textOf(opened!.args.view)).toContain('Rebate not paid');
    // An empty answer is an inline error; nothing changes.
    const blank = await bot.submit(OFFICER.userId, opened!, answerValues('   '));
    expect(blank.json).toEqual({ response_action: 'errors', errors: { answer: 'Write the answer to the complaint.' } });
    expect((await complaintRow(bot))?.state).toBe('filed');

    const done = await bot.submit(OFFICER.userId, opened!, answerValues('Paid on 2 June; see the statement.'), { hash: 'h-answer' });
    expect((done.json as { response_action?: string }).response_action).toBe('update');
    expect(textOf(done.json)).toContain('C-000001');
    expect(await complaintRow(bot)).toEqual({ state: 'answered', answer: 'Paid on 2 June; see the statement.', answered_by: `slack:${OFFICER.userId}` });
    expect(await countRows(bot.w.db, 'audit_events', "action = 'complaint.answered'")).toBe(1);

    await bot.deliver();
    // The partner's contact is told, in their language, with the answer.
    const dm = bot.fake.callsTo('chat.postMessage').filter((c) => textOf(c.args).includes('Paid on 2 June'));
    expect(dm).toHaveLength(1);
    expect(textOf(dm[0]!.args)).toContain('您的投诉');
    // The approvals message is edited in place: answered, by whom, and no button left.
    const updates = bot.fake.callsTo('chat.update').filter((c) => c.args.channel === CHANNELS.approvals);
    expect(updates).toHaveLength(1);
    expect(textOf(updates[0]!.args)).toMatch(/Answered by <@U0OFFICER>/);
    expect(buttonIn(updates[0]!.args.blocks, ACTIONS.complaintAnswerOpen)).toBeUndefined();
  });

  it('a second answer is refused in words and changes nothing: a click after the answer, and a modal opened before it', async () => {
    bot = await startBot(getDb());
    const id = await filed(bot);
    const first = (await clickAnswer(bot, OFFICER.userId, id)).opened!;
    const second = (await clickAnswer(bot, OFFICER.userId, id)).opened!;
    expect((await bot.submit(OFFICER.userId, first, answerValues('First answer.'))).json).toMatchObject({ response_action: 'update' });

    const late = await bot.submit(OFFICER.userId, second, answerValues('Second answer.'));
    expect(late.json).toEqual({ response_action: 'errors', errors: { answer: 'That complaint has already been answered (or withdrawn); nothing was changed.' } });
    const again = await clickAnswer(bot, OFFICER.userId, id);
    expect(again.opened).toBeUndefined();
    expect(again.text).toContain('already been answered');

    expect((await complaintRow(bot))?.answer).toBe('First answer.');
    expect(await countRows(bot.w.db, 'audit_events', "action = 'complaint.answered'")).toBe(1);
    expect(await countRows(bot.w.db, 'outbox', "kind = 'complaint_answered'")).toBe(1);
    expect(await countRows(bot.w.db, 'outbox', "kind = 'complaint_closed'")).toBe(1);
  });

  it('to anyone not staff the complaint does not exist: the same answer as for an id never filed; staff without the officer role are told which role', async () => {
    bot = await startBot(getDb());
    const id = await filed(bot);
    const ghost = (await clickAnswer(bot, STRANGER.userId, 'C-999999')).text!;
    expect(ghost).toContain(':warning: No such complaint.');
    // The filing partner's own contact, another partner's, a stranger.
    for (const who of [P1_CONTACT.userId, P2_CONTACT_ID, STRANGER.userId]) {
      const r = await clickAnswer(bot, who, id);
      expect({ who, opened: r.opened !== undefined, text: r.text }).toEqual({ who, opened: false, text: ghost });
    }
    const finance = await clickAnswer(bot, FINANCE.userId, id);
    expect(finance.text).toContain('You need the officer role to answer a partner’s complaint.');
    // A forged submission by an outsider is refused the same way, inline.
    const opened = (await clickAnswer(bot, OFFICER.userId, id)).opened!;
    const forged = await bot.submit(P2_CONTACT_ID, opened, answerValues('I answer for you.'));
    expect(forged.json).toEqual({ response_action: 'errors', errors: { answer: 'No such complaint.' } });
    expect((await complaintRow(bot))?.state).toBe('filed');
    expect(await countRows(bot.w.db, 'audit_events', "action = 'complaint.answered'")).toBe(0);
  });
});

describeEachBackend('the complaint modal’s partner picker (R-COMPLAINT)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const values = (partner?: string) => ({
    ...(partner === undefined ? {} : { partner: { [INPUTS.partner]: selected(partner) } }),
    subject: { subject: plainValue('Rebate not paid') },
    text: { text: plainValue('The May rebate has not arrived.') },
    evidence: { evidence_links: plainValue('') },
  });

  async function openComplaint(b: Bot, userId: string): Promise<RecordedCall> {
    const before = b.fake.callsTo('views.open').length;
    await b.command(userId, 'complaint', { command: '/partner' });
    await b.fake.waitFor('views.open', () => b.fake.callsTo('views.open').length > before);
    return b.fake.callsTo('views.open').at(-1)!;
  }

  it('a contact of several partners picks one of their own; a forged or missing partner is an inline error and files nothing', async () => {
    bot = await startBot(getDb());
    // P1's contact speaks for P3 too.
    await importPartners(bot.w.deps, partnersCsv([['P3', 'Partner Three', 'service', 'silver', P1_CONTACT.userId]], 'partner-p3.csv'));
    const opened = await openComplaint(bot, P1_CONTACT.userId);
    const picker = (opened.args.view as { blocks: { block_id?: string; element?: { type: string; options?: { value: string }[] } }[] }).blocks.find((b) => b.block_id === 'partner');
    expect(picker?.element?.type).toBe('static_select');
    expect(picker?.element?.options?.map((o) => o.value)).toEqual(['P1', 'P3']);

    const forged = await bot.submit(P1_CONTACT.userId, opened, values('P2'));
    expect(forged.json).toEqual({ response_action: 'errors', errors: { partner: 'No such partner.' } });
    const missing = await bot.submit(P1_CONTACT.userId, opened, values());
    expect(missing.json).toEqual({ response_action: 'errors', errors: { partner: 'Choose the partner that complains.' } });
    expect(await countRows(bot.w.db, 'complaints')).toBe(0);

    const done = await bot.submit(P1_CONTACT.userId, opened, values('P3'));
    expect(textOf(done.json)).toContain('C-000001');
    expect(await countRows(bot.w.db, 'complaints', "partner_id = 'P3'")).toBe(1);
  });

  it('a contact of one partner gets no picker', async () => {
    bot = await startBot(getDb());
    const opened = await openComplaint(bot, P2_CONTACT_ID);
    expect((opened.args.view as { blocks: { block_id?: string }[] }).blocks.map((b) => b.block_id)).not.toContain('partner');
    await bot.submit(P2_CONTACT_ID, opened, values());
    expect(await countRows(bot.w.db, 'complaints', "partner_id = 'P2'")).toBe(1);
  });
});
