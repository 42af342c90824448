// R-COMPLAINT, a race: two officers submit their answers to the same complaint
// at the same moment, over real HTTP, on real parallel PostgreSQL connections
// (PGlite runs one transaction at a time, so it cannot race). The complaint's
// row lock (lockComplaint: SELECT … FOR UPDATE) makes it one answer: the
// second finds it answered and is told so inline.
import { afterEach, expect, it } from 'vitest';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import { fileComplaint } from '../../../src/service/complaints/file-complaint.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../../src/slack/action-ids.ts';
import { key, OFFICER, P1_CONTACT } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import type { RecordedCall } from '../../support/fake-slack.ts';
import { countRows, startBot, plainValue, type Bot } from './harness.ts';

const OFFICER2 = 'U0OFFICER2';

describeEachBackend('two officers answer the same complaint at once (R-COMPLAINT)', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function openFor(b: Bot, userId: string, id: string): Promise<RecordedCall> {
    const before = b.fake.callsTo('views.open').length;
    await b.click(userId, ACTIONS.complaintAnswerOpen, id);
    await b.fake.waitFor('views.open', () => b.fake.callsTo('views.open').length > before);
    const opened = b.fake.callsTo('views.open').at(-1)!;
    expect((opened.args.view as { callback_id?: string }).callback_id).toBe(VIEWS.complaintAnswer);
    return opened;
  }

  // Several complaints, each raced once: a race lost by luck in one round is caught in another.
  const ROUNDS = 4;

  it('exactly one answer is recorded, audited once and told to the partner once; the other officer is told it is already answered', async () => {
    bot = await startBot(getDb());
    await grantRole({ db: bot.w.db, clock: bot.w.clock }, { userId: OFFICER2, role: 'officer', by: 'test' });
    for (let i = 0; i < ROUNDS; i++) {
      await fileComplaint(bot.w.cases, { key: key('file'), actor: P1_CONTACT, subject: `Rebate ${i} not paid`, text: 'The rebate has not arrived.', evidence: [] });
    }
    await bot.deliver();
    for (let i = 1; i <= ROUNDS; i++) {
      const id = `C-00000${i}`;
      const mine = await openFor(bot, OFFICER.userId, id);
      const theirs = await openFor(bot, OFFICER2, id);
      const [a, b] = await Promise.all([
        bot.submit(OFFICER.userId, mine, { answer: { [INPUTS.text]: plainValue('Answer A.') } }),
        bot.submit(OFFICER2, theirs, { answer: { [INPUTS.text]: plainValue('Answer B.') } }),
      ]);
      const actions = [a, b].map((r) => (r.json as { response_action?: string }).response_action).sort();
      expect({ id, actions }).toEqual({ id, actions: ['errors', 'update'] });
      const refused = [a, b].find((r) => (r.json as { response_action?: string }).response_action === 'errors')!;
      expect(refused.json).toEqual({ response_action: 'errors', errors: { answer: 'That complaint has already been answered (or withdrawn); nothing was changed.' } });
    }

    // One answer, one audit event, one notice to P1's one contact, one edit of the approvals message, per complaint.
    expect(await countRows(bot.w.db, 'complaints', "state = 'answered'")).toBe(ROUNDS);
    expect(await countRows(bot.w.db, 'audit_events', "action = 'complaint.answered'")).toBe(ROUNDS);
    expect(await countRows(bot.w.db, 'outbox', "kind = 'complaint_answered'")).toBe(ROUNDS);
    expect(await countRows(bot.w.db, 'outbox', "kind = 'complaint_closed'")).toBe(ROUNDS);
    expect(await countRows(bot.w.db, 'command_log', "action = 'complaint.answer'")).toBe(ROUNDS);
  });
}, ['postgres']);
