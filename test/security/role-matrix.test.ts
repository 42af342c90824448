// Who may do what, through the Slack surface (issue #10): every command and
// button that acts on a case, against every kind of person. The expected
// table is written out here from RULES.md (R-EVIDENCE, R-DETERMINE,
// R-CONFIDENTIAL, R-SUSPEND) and the role table (src/domain/access/roles.ts),
// not computed from the code under test. A refused person gets a private
// answer saying why, and nothing changes.
import { afterEach, expect, it } from 'vitest';
import { proposeDetermination } from '../../src/service/cases/propose-determination.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../src/slack/action-ids.ts';
import { ADMIN, APPROVER, FINANCE, key, OFFICER, P1_CONTACT, STRANGER } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { buttonIn, caseState, CHANNELS, countRows, P2_CONTACT_ID, plainValue, startBot, textOf, type Bot } from '../slack/e2e/harness.ts';

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
  const refused = /needs the|need the|not allowed|cannot|can't|only|must|无权|需要/i.test(first) && !/^Case V-/.test(first);
  return { outcome: refused ? 'refused' : 'answered', text: first };
}

function expectRefusalIsClear(text: string): void {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/\bat .*\.ts:\d+|Error:/);
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
});
