// Who may do what, through the Slack surface (issue #10): every command and
// button that acts on a case or a partner, against every kind of person. The
// expected table is written out here from RULES.md (R-EVIDENCE, R-SCREEN,
// R-REPLY, R-SUSPEND, R-DETERMINE, R-NOTICE, R-CONFIDENTIAL) and the role
// table (src/domain/access/roles.ts), not computed from the code under test.
// A refused person gets a private answer saying why, and nothing changes; a
// person to whom a case does not exist (R-CONFIDENTIAL: another partner's
// contact, a stranger) is not told whom it concerns either.
import { afterEach, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { decideDetermination } from '../../src/service/cases/decide-determination.ts';
import { fileComplaint } from '../../src/service/complaints/file-complaint.ts';
import { objectToNotice, replyToNotice } from '../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { suspendIncentives } from '../../src/service/cases/suspension.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../src/slack/action-ids.ts';
import { ADMIN, APPROVER, FINANCE, key, OFFICER, P1_CONTACT, STRANGER } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { query } from '../support/service-fixtures.ts';
import { buttonIn, caseState, CHANNELS, countRows, datePicked, P2_CONTACT_ID, plainValue, radio, selected, startBot, textOf, type Bot } from '../slack/e2e/harness.ts';
import { allRowCounts } from './support.ts';

/** The people of the matrix. OFFICER holds officer and approver (case-fixtures). */
const PEOPLE = {
  officer: OFFICER.userId,
  approver: APPROVER.userId,
  finance: FINANCE.userId,
  admin: ADMIN.userId,
  ownContact: P1_CONTACT.userId,
  otherContact: P2_CONTACT_ID,
  stranger: STRANGER.userId,
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];

type Outcome = 'opened' | 'refused' | 'answered';

let n = 0;
/** Sends one request and waits for what the person sees: a modal opened for them, or a private answer. */
async function outcomeOf(bot: Bot, send: (responseUrl: string) => Promise<unknown>): Promise<{ outcome: Outcome; text: string }> {
  const id = `m-${++n}`;
  const before = bot.fake.callsTo('views.open').length;
  await send(bot.fake.responseUrl(id));
  const opened = bot.fake.waitFor('views.open', () => bot.fake.callsTo('views.open').length > before, 5000).then(() => 'opened' as const);
  const answered = bot.fake.waitForResponseUrlPost(id, undefined, 5000).then((p) => textOf(p.body));
  const first = await Promise.race([opened, answered]);
  if (first === 'opened') return { outcome: 'opened', text: '' };
  const refused = /needs the|need the|not allowed|cannot|can't|only|must|No case V-|无权|需要/i.test(first) && !/^Case V-/.test(first);
  return { outcome: refused ? 'refused' : 'answered', text: first };
}

function expectRefusalIsClear(text: string): void {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\bat .*\.ts:\d+|Error:/);
}

/** R-CONFIDENTIAL: to another partner's contact and a stranger the case does not exist, so a refusal names neither the accused nor its state. */
const OUTSIDERS: readonly Who[] = ['otherContact', 'stranger'];
/** A case number never used. */
const GHOST = 'V-999999';
function expectNothingLeaks(who: Who, text: string): void {
  if (OUTSIDERS.includes(who)) expect({ who, text }).not.toEqual({ who, text: expect.stringMatching(/\bP1\b|Partner One|awaiting|objection_raised|reported/) });
}

/** What a refusal must leave as it was: every table's row count, and the case row itself. */
async function snapshot(b: Bot, caseId: string): Promise<unknown> {
  const [row] = await query<Record<string, unknown>>(b.w.db, sql`select state, suspended, notice_sent_at, reply_due_at from cases where id = ${caseId}`);
  return { rows: await allRowCounts(b.w.db), case: row };
}

describeEachBackend('the role × action matrix on the Slack surface', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function caseOfP1(b: Bot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await b.deliver();
    return r.caseId;
  }

  it.each([
    // R-EVIDENCE: staff report with the officer role; any partner's contact may report (another partner).
    { line: 'report', allowed: ['officer', 'ownContact', 'otherContact'] as Who[] },
    // R-DETERMINE: proposing is the officer's.
    { line: 'determine V-000001', allowed: ['officer'] as Who[] },
    // R-SUSPEND: suspending incentive payouts is the officer's.
    { line: 'suspend V-000001', allowed: ['officer'] as Who[] },
  ])('/violation $line: only $allowed may; the rest are told why and nothing changes', async ({ line, allowed }) => {
    bot = await startBot(getDb());
    await caseOfP1(bot);
    const rowsBefore = await countRows(bot.w.db, 'audit_events');
    for (const who of EVERYONE) {
      if (allowed.includes(who)) continue;
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], line, { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(text);
    }
    expect(await countRows(bot.w.db, 'audit_events')).toBe(rowsBefore);
    expect(await caseState(bot.w.db, 'V-000001')).toBe('awaiting_reply');
    for (const who of allowed) {
      const { outcome } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], line, { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: line.startsWith('suspend') ? 'answered' : 'opened' });
    }
  });

  it('/violation show: staff and the accused partner\'s contact see the case; another partner\'s contact and a stranger do not (R-CONFIDENTIAL)', async () => {
    bot = await startBot(getDb());
    await caseOfP1(bot);
    for (const who of EVERYONE) {
      const { text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], 'show V-000001', { responseUrl }));
      const sees = text.includes('Late service') || text.includes('SVC-09');
      expect({ who, sees }).toEqual({ who, sees: ['officer', 'approver', 'finance', 'admin', 'ownContact'].includes(who) });
      if (!sees) expectRefusalIsClear(text);
    }
  });

  it('/violation export: every staff role may (staff see every case); a partner\'s contacts and strangers are refused privately and no file goes out (R-CONFIDENTIAL)', async () => {
    bot = await startBot(getDb());
    await caseOfP1(bot);
    const staff: Who[] = ['officer', 'approver', 'finance', 'admin'];
    for (const who of EVERYONE) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], 'export cases 2026-06-01 2026-06-01', { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: staff.includes(who) ? 'answered' : 'refused' });
      if (!staff.includes(who)) expectRefusalIsClear(text);
    }
    expect(bot.fake.files.filter((f) => f.completed).map((f) => f.completed!.channelId)).toEqual(staff.map((who) => `D${PEOPLE[who]}`));
  });

  it('the reply buttons act for the accused partner\'s contact only (R-REPLY); everyone else is refused and the case waits', async () => {
    bot = await startBot(getDb());
    const caseId = await caseOfP1(bot);
    for (const who of EVERYONE.filter((w) => w !== 'ownContact')) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE[who], ACTIONS.replyAccept, caseId, { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(text);
      expect(await caseState(bot.w.db, caseId)).toBe('awaiting_reply');
    }
    // The dispute modal opens for anyone; who may dispute is checked on submission, inline.
    for (const who of ['otherContact', 'stranger', 'officer'] as Who[]) {
      const before = bot.fake.callsTo('views.open').length;
      await bot.click(PEOPLE[who], ACTIONS.replyDispute, caseId);
      await bot.fake.waitFor('views.open', () => bot!.fake.callsTo('views.open').length > before);
      const modal = bot.fake.callsTo('views.open').filter((c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.dispute).at(-1)!;
      const res = await bot.submit(PEOPLE[who], modal, { text: { [INPUTS.text]: plainValue('Not us.') }, evidence: { [INPUTS.links]: plainValue('https://example.com/proof') } });
      expect({ who, action: (res.json as { response_action?: string }).response_action }).toEqual({ who, action: 'errors' });
      expect(await caseState(bot.w.db, caseId)).toBe('awaiting_reply');
    }
    const { outcome } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE.ownContact, ACTIONS.replyAccept, caseId, { responseUrl }));
    expect(outcome).toBe('answered');
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');
  });

  it('approving takes the approver role and a second person (R-DETERMINE); everyone else is refused and the proposal waits', async () => {
    bot = await startBot(getDb());
    const caseId = await caseOfP1(bot);
    await proposeDetermination(bot.w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'Clear facts' });
    await bot.deliver();
    const request = bot.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.determinationApprove));
    const id = buttonIn(request!.args.blocks, ACTIONS.determinationApprove)!.value;
    // The officer holds the approver role too, but proposed this one.
    for (const who of EVERYONE.filter((w) => w !== 'approver')) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE[who], ACTIONS.determinationApprove, id, { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(text);
    }
    expect(await countRows(bot.w.db, 'determinations', "status = 'proposed'")).toBe(1);
    const { outcome } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE.approver, ACTIONS.determinationApprove, id, { responseUrl }));
    expect(outcome).toBe('answered');
    expect(await countRows(bot.w.db, 'determinations', "status = 'approved'")).toBe(1);
  });

  it('the determine button opens its modal for the officer only (R-DETERMINE)', async () => {
    bot = await startBot(getDb());
    const caseId = await caseOfP1(bot);
    for (const action of [ACTIONS.determineOpen]) {
      for (const who of EVERYONE) {
        const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE[who], action, caseId, { responseUrl }));
        expect({ who, action, outcome }).toEqual({ who, action, outcome: who === 'officer' ? 'opened' : 'refused' });
        if (outcome === 'refused') expectRefusalIsClear(text);
      }
    }
  });

  // ---- the cases the remaining rows act on, each in the state where the allowed person succeeds

  /** R-SCREEN: P2's contact reports P1, with evidence; it waits for staff screening. */
  async function partnerReport(b: Bot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: { platform: 'slack', userId: P2_CONTACT_ID }, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Seen it', evidence: [{ kind: 'link', ref: 'https://example.com/x' }] });
    await b.deliver();
    return r.caseId;
  }

  /** R-SUSPEND: the officer held P1's incentive payouts after the notice. */
  async function suspendedCase(b: Bot): Promise<string> {
    const caseId = await caseOfP1(b);
    await suspendIncentives(b.w.cases, { key: key(), actor: OFFICER, caseId });
    await b.deliver();
    return caseId;
  }

  /** R-NOTICE: a determination approved, its processing notice sent (the Object button's case). */
  async function processingNoticed(b: Bot): Promise<string> {
    const caseId = await caseOfP1(b);
    await replyToNotice(b.w.cases, { key: key(), actor: P1_CONTACT, caseId, kind: 'accept' });
    const p = await proposeDetermination(b.w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'Admitted' });
    await decideDetermination(b.w.cases, { key: key(), actor: APPROVER, determinationId: p.determinationId, approve: true });
    await b.deliver();
    return caseId;
  }

  /** R-NOTICE: the accused objected; staff answer it. */
  async function objected(b: Bot): Promise<string> {
    const caseId = await processingNoticed(b);
    await objectToNotice(b.w.cases, { key: key(), actor: P1_CONTACT, caseId, grounds: 'A one-off delay.' });
    await b.deliver();
    return caseId;
  }

  type Send = (b: Bot, who: Who, caseId: string, responseUrl: string) => Promise<unknown>;
  const command = (line: (caseId: string) => string, slash = '/violation'): Send => (b, who, caseId, responseUrl) => b.command(PEOPLE[who], line(caseId), { responseUrl, command: slash });
  const button = (actionId: string): Send => (b, who, caseId, responseUrl) => b.click(PEOPLE[who], actionId, caseId, { responseUrl });

  it.each([
    // R-SCREEN / R-REPLY: sending the notice of a partner's report is the officer's (case.notice).
    { what: '/violation notice', setup: partnerReport, send: command((id) => `notice ${id}`), allowed: ['officer'] as Who[], then: /The notice of case \*V-000001\* is sent/ },
    { what: 'the notice_send button', setup: partnerReport, send: button(ACTIONS.noticeSend), allowed: ['officer'] as Who[], then: /The notice of case \*V-000001\* is sent/ },
    // R-SCREEN: dismissing a partner's report with a reason is the officer's too.
    { what: 'the dismiss_open button', setup: partnerReport, send: button(ACTIONS.dismissOpen), allowed: ['officer'] as Who[], then: 'opened' as const },
    // R-SUSPEND: lifting by hand is the officer's (case.lift_suspension).
    { what: '/violation lift', setup: suspendedCase, send: command((id) => `lift ${id}`), allowed: ['officer'] as Who[], then: /lifted/i },
    // R-NOTICE: answering an objection is the officer's (objection.answer), by command or button.
    { what: '/violation answer', setup: objected, send: command((id) => `answer ${id}`), allowed: ['officer'] as Who[], then: 'opened' as const },
    { what: 'the answer_open button', setup: objected, send: button(ACTIONS.answerOpen), allowed: ['officer'] as Who[], then: 'opened' as const },
    // R-REPLY: accepting is the accused partner's contacts' only.
    { what: 'the reply_accept button', setup: caseOfP1, send: button(ACTIONS.replyAccept), allowed: ['ownContact'] as Who[], then: /Your acceptance of case \*V-000001\* is recorded/ },
  ])('$what: only $allowed may; the rest are told why privately, nothing is written, and outsiders learn nothing of the case', async ({ setup, send, allowed, then }) => {
    bot = await startBot(getDb());
    const caseId = await setup(bot);
    const before = await snapshot(bot, caseId);
    for (const who of EVERYONE) {
      if (allowed.includes(who)) continue;
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => send(bot!, who, caseId, responseUrl));
      expect({ who, outcome }).toEqual({ who, outcome: 'refused' });
      expectRefusalIsClear(text);
      expectNothingLeaks(who, text);
      if (OUTSIDERS.includes(who)) {
        // Not even that the case exists: the answer is the one for a case number never used.
        const ghost = await outcomeOf(bot, (responseUrl) => send(bot!, who, GHOST, responseUrl));
        expect({ who, text: text.replaceAll(caseId, 'V-?') }).toEqual({ who, text: ghost.text.replaceAll(GHOST, 'V-?') });
      }
    }
    expect(await snapshot(bot, caseId)).toEqual(before);
    for (const who of allowed) {
      // The allowed person's answer is named exactly (an answer such as "the partner must reply" reads like a refusal to outcomeOf).
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => send(bot!, who, caseId, responseUrl));
      if (then === 'opened') expect({ who, outcome }).toEqual({ who, outcome: 'opened' });
      else expect({ who, text }).toEqual({ who, text: expect.stringMatching(then) });
    }
  });

  it('the object_open button: the modal opens, but only the accused partner\'s contact may object (R-NOTICE); the rest are refused inline, unnamed, and nothing is written', async () => {
    bot = await startBot(getDb());
    const caseId = await processingNoticed(bot);
    const before = await snapshot(bot, caseId);
    const objectWith = async (who: Who, on = caseId) => {
      const opened = bot!.fake.callsTo('views.open').length;
      await bot!.click(PEOPLE[who], ACTIONS.objectOpen, on);
      await bot!.fake.waitFor('views.open', () => bot!.fake.callsTo('views.open').length > opened);
      const modal = bot!.fake.callsTo('views.open').filter((c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.objection).at(-1)!;
      return (await bot!.submit(PEOPLE[who], modal, { grounds: { [INPUTS.text]: plainValue('Not us.') } })).json as { response_action?: string; errors?: Record<string, string> };
    };
    for (const who of EVERYONE.filter((w) => w !== 'ownContact')) {
      const res = await objectWith(who);
      expect({ who, action: res.response_action }).toEqual({ who, action: 'errors' });
      const text = Object.values(res.errors ?? {}).join(' ');
      expectRefusalIsClear(text);
      expectNothingLeaks(who, text);
      if (OUTSIDERS.includes(who)) {
        const ghost = Object.values((await objectWith(who, GHOST)).errors ?? {}).join(' ');
        expect({ who, text: text.replaceAll(caseId, 'V-?') }).toEqual({ who, text: ghost.replaceAll(GHOST, 'V-?') });
      }
    }
    expect(await snapshot(bot, caseId)).toEqual(before);
    expect((await objectWith('ownContact')).response_action).toBe('update');
    expect(await caseState(bot.w.db, caseId)).toBe('objection_raised');
  });

  it('the determination_reject button opens its modal for approvers only (R-DETERMINE); the proposer, though an approver, is refused on submission; nothing is decided', async () => {
    bot = await startBot(getDb());
    const caseId = await caseOfP1(bot);
    await proposeDetermination(bot.w.cases, { key: key(), actor: OFFICER, caseId, established: true, terminate: false, reasons: 'Clear facts' });
    await bot.deliver();
    const request = bot.fake.callsTo('chat.postMessage').find((c) => c.args.channel === CHANNELS.approvals && buttonIn(c.args.blocks, ACTIONS.determinationReject));
    const id = buttonIn(request!.args.blocks, ACTIONS.determinationReject)!.value;
    const before = await snapshot(bot, caseId);
    // The officer holds the approver role too (case-fixtures), so the modal opens for them.
    const approvers: Who[] = ['officer', 'approver'];
    for (const who of EVERYONE) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.click(PEOPLE[who], ACTIONS.determinationReject, id, { responseUrl }));
      expect({ who, outcome }).toEqual({ who, outcome: approvers.includes(who) ? 'opened' : 'refused' });
      if (outcome === 'refused') {
        expectRefusalIsClear(text);
        expectNothingLeaks(who, text);
      }
    }
    const modalOf = () => bot!.fake.callsTo('views.open').filter((c) => (c.args.view as { callback_id?: string }).callback_id === VIEWS.reject).at(-1)!;
    const byProposer = await bot.submit(PEOPLE.officer, modalOf(), { reasons: { [INPUTS.reasons]: plainValue('Mine') } });
    expect((byProposer.json as { response_action?: string }).response_action).toBe('errors');
    expect(await snapshot(bot, caseId)).toEqual(before);
    expect(await countRows(bot.w.db, 'determinations', "status = 'proposed'")).toBe(1);
  });

  it('/violation list: staff and the accused partner\'s contact find the case; another partner\'s contact and a stranger do not (R-CONFIDENTIAL)', async () => {
    bot = await startBot(getDb());
    const caseId = await caseOfP1(bot);
    for (const who of EVERYONE) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], 'list', { responseUrl }));
      expect({ who, outcome, lists: text.includes(caseId) }).toEqual({ who, outcome: 'answered', lists: ['officer', 'approver', 'finance', 'admin', 'ownContact'].includes(who) });
      expectNothingLeaks(who, text);
    }
  });

  it('/partner status: staff and the partner\'s own contact see its standing; another partner\'s contact and a stranger are told no such partner (R-CONFIDENTIAL)', async () => {
    bot = await startBot(getDb());
    await suspendedCase(bot);
    const before = await allRowCounts(bot.w.db);
    for (const who of EVERYONE) {
      const { text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], 'status P1', { responseUrl, command: '/partner' }));
      const sees = text.includes('Standing of Partner One (P1)');
      expect({ who, sees }).toEqual({ who, sees: ['officer', 'approver', 'finance', 'admin', 'ownContact'].includes(who) });
      if (!sees) {
        expectRefusalIsClear(text);
        expect(text).not.toMatch(/Partner One|suspend/i);
      }
    }
    expect(await allRowCounts(bot.w.db)).toEqual(before);
  });
  // ---- issue #11: complaints answered in Slack (R-COMPLAINT) and exits for admins (R-EXIT-*)

  it('the complaint_answer_open button opens the answer form for the officer only (R-COMPLAINT); staff without the role are told which role; to anyone not staff the complaint does not exist; nothing changes', async () => {
    bot = await startBot(getDb());
    await fileComplaint(bot.w.cases, { key: key(), actor: P1_CONTACT, subject: 'Rebate not paid', text: 'The May rebate has not arrived.', evidence: [] });
    await bot.deliver();
    const before = await allRowCounts(bot.w.db);
    const click = (who: Who, id: string) => outcomeOf(bot!, (responseUrl) => bot!.click(PEOPLE[who], ACTIONS.complaintAnswerOpen, id, { responseUrl }));
    const staffWithout: Who[] = ['approver', 'finance', 'admin'];
    const notStaff: Who[] = ['ownContact', 'otherContact', 'stranger'];
    for (const who of EVERYONE) {
      const { outcome, text } = await click(who, 'C-000001');
      expect({ who, opened: outcome === 'opened' }).toEqual({ who, opened: who === 'officer' });
      if (staffWithout.includes(who)) expect({ who, text }).toEqual({ who, text: expect.stringContaining('You need the officer role to answer a partner’s complaint') });
      if (notStaff.includes(who)) {
        expectRefusalIsClear(text);
        expect({ who, text }).toEqual({ who, text: (await click(who, 'C-999999')).text });
        expect(text).not.toMatch(/Partner One|P1|Rebate/);
      }
    }
    expect(await allRowCounts(bot.w.db)).toEqual(before);
  });

  it.each([
    { line: 'exit P1', then: 'answered' as const },
    { line: 'exit P1 apply', then: 'opened' as const },
  ])('/partner $line: the admin only (R-EXIT-*); everyone else is told privately which role it takes, and nothing changes', async ({ line, then }) => {
    bot = await startBot(getDb());
    const before = await allRowCounts(bot.w.db);
    for (const who of EVERYONE) {
      const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], line, { responseUrl, command: '/partner' }));
      if (who === 'admin') {
        expect({ who, outcome }).toEqual({ who, outcome: then });
        if (then === 'answered') expect(text).toContain('No exit is due for *Partner One (P1)*');
        continue;
      }
      expect({ who, outcome }).toEqual({ who, outcome: 'refused' });
      expect({ who, text }).toEqual({ who, text: expect.stringContaining('You need the admin role to check a partner’s exit or record its exit application') });
    }
    expect(await allRowCounts(bot.w.db)).toEqual(before);
  });

  it('/partner add, edit, contract, program (issue 11, R-CAT): only an admin gets the modal; everyone else is told privately why; a form submitted by anyone else is refused inline; nothing is written', async () => {
    bot = await startBot(getDb());
    const before = await allRowCounts(bot.w.db);
    for (const line of ['add', 'edit P1', 'contract P1', 'contract P1 new', 'program P1']) {
      for (const who of EVERYONE) {
        const { outcome, text } = await outcomeOf(bot, (responseUrl) => bot!.command(PEOPLE[who], line, { responseUrl, command: '/partner' }));
        expect({ line, who, outcome }).toEqual({ line, who, outcome: who === 'admin' ? 'opened' : 'refused' });
        if (outcome === 'refused') {
          expectRefusalIsClear(text);
          expect(text).not.toMatch(/Partner One/);
        }
      }
    }
    // Valid forms: what refuses them is the role alone.
    const valid: Record<string, Record<string, unknown>> = {
      [VIEWS.partner]: { partner_id: { partner_id: plainValue('P9') }, name: { name: plainValue('Partner Nine') }, level_service: { level: plainValue('gold') } },
      [VIEWS.contract]: { starts_on: { date: datePicked('2026-04-01') }, ends_on: { date: datePicked('2027-03-31') } },
      [VIEWS.program]: { action: { program_action: radio('join') }, program: { program: plainValue('Cloud MSP') }, category: { category: selected('consulting_sales') }, joined_on: { date: datePicked('2026-05-01') } },
    };
    for (const modal of bot.fake.callsTo('views.open')) {
      const callbackId = (modal.args.view as { callback_id: string }).callback_id;
      for (const who of EVERYONE.filter((w) => w !== 'admin')) {
        const res = (await bot.submit(PEOPLE[who], modal, valid[callbackId]!)).json as { response_action?: string; errors?: Record<string, string> };
        expect({ callbackId, who, action: res.response_action }).toEqual({ callbackId, who, action: 'errors' });
        expect(Object.values(res.errors ?? {}).join(' ')).toContain('You need the admin role');
      }
    }
    expect(await allRowCounts(bot.w.db)).toEqual(before);
  });
});
