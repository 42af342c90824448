// Interactions no listener handles (issue 10): a button from an old message,
// a modal or a menu the app no longer renders. Bolt alone leaves them unacked
// and answers 404 after 3 s (Slack then shows the person an error); the
// fallback listeners (src/slack/listeners/fallback) ack at once, log a warning
// and change nothing, and never stand in for a real listener.
import { afterEach, expect, it } from 'vitest';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { ACTIONS, INPUTS, VIEWS } from '../../src/slack/action-ids.ts';
import { actionListeners } from '../../src/slack/listeners/actions/index.ts';
import { onlyUnknown } from '../../src/slack/listeners/fallback/index.ts';
import { viewListeners } from '../../src/slack/listeners/views/index.ts';
import { key, OFFICER, P1_CONTACT } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { postBlockAction, postOptionsRequest, postViewSubmission } from '../support/slack-requests.ts';
import { caseState, SECRET, startBot, type Bot } from '../slack/e2e/harness.ts';
import { allRowCounts, trackListeners } from './support.ts';

/** Well under Bolt's 3 s unhandled-request timeout, and under Slack's 3 s for an ack. */
const QUICK_MS = 1500;

describeEachBackend('interactions no listener handles', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('a stale button, modal or menu is answered 200 at once, logged as a warning, and nothing is written or sent', async () => {
    bot = await startBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await bot.deliver();
    const listeners = trackListeners(bot);
    const before = await allRowCounts(bot.w.db);
    const callsBefore = bot.fake.calls.length;
    const url = bot.fake.responseUrl('stale');

    const requests: [string, () => Promise<{ status: number }>][] = [
      // An id one character off a real one, and one a real id is a prefix of: neither may reach reply_accept.
      ['button reply_accept_v0', () => postBlockAction(bot!.baseUrl, SECRET, { user_id: P1_CONTACT.userId, actions: [{ action_id: `${ACTIONS.replyAccept}_v0`, value: r.caseId }], response_url: url })],
      ['button reply_accep', () => postBlockAction(bot!.baseUrl, SECRET, { user_id: P1_CONTACT.userId, actions: [{ action_id: ACTIONS.replyAccept.slice(0, -1), value: r.caseId }], response_url: url })],
      ['button with an id that is not text', () => postBlockAction(bot!.baseUrl, SECRET, { user_id: OFFICER.userId, actions: [{ action_id: 42, value: r.caseId }], response_url: url })],
      ['button from an old App Home', () => postBlockAction(bot!.baseUrl, SECRET, { user_id: OFFICER.userId, actions: [{ action_id: 'legacy_refresh', value: '' }], view: { id: 'VHOME', type: 'home', callback_id: '', blocks: [], state: { values: {} } } })],
      ['modal no longer rendered', () => postViewSubmission(bot!.baseUrl, SECRET, { user_id: OFFICER.userId, view: { callback_id: 'appeal_submit_v0', private_metadata: r.caseId } })],
      ['menu no longer rendered', () => postOptionsRequest(bot!.baseUrl, SECRET, { user_id: OFFICER.userId, action_id: 'case_select', value: 'V-' })],
    ];
    const answered: Record<string, { status: number; quick: boolean }> = {};
    for (const [what, send] of requests) {
      const t0 = Date.now();
      const res = await send();
      answered[what] = { status: res.status, quick: Date.now() - t0 < QUICK_MS };
    }
    expect(answered).toEqual(Object.fromEntries(requests.map(([what]) => [what, { status: 200, quick: true }])));

    await listeners.settled();
    expect(await allRowCounts(bot.w.db)).toEqual(before);
    expect(await caseState(bot.w.db, r.caseId)).toBe('awaiting_reply');
    expect(bot.fake.calls.slice(callsBefore)).toEqual([]);
    expect(bot.fake.responseUrlPosts).toEqual([]);
    const warnings = bot.logs.map((l) => JSON.parse(l) as { level: string; message: string; id?: string }).filter((l) => /unhandled Slack/.test(l.message));
    expect(warnings.map((w) => [w.level, w.id])).toEqual([
      ['warn', 'reply_accept_v0'],
      ['warn', 'reply_accep'],
      ['warn', '42'],
      ['warn', 'legacy_refresh'],
      ['warn', 'appeal_submit_v0'],
      ['warn', 'case_select'],
    ]);
  });

  it('a known id still reaches its own listener, not the fallback (reply_accept accepts; the partner menu answers)', async () => {
    bot = await startBot(getDb());
    const r = await reportViolation(bot.w.cases, { key: key(), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await bot.deliver();
    await bot.click(P1_CONTACT.userId, ACTIONS.replyAccept, r.caseId);
    await bot.fake.waitFor('chat.postMessage', () => true).catch(() => undefined);
    const until = Date.now() + 10_000;
    while ((await caseState(bot.w.db, r.caseId)) !== 'awaiting_determination' && Date.now() < until) await new Promise((res) => setTimeout(res, 50));
    expect(await caseState(bot.w.db, r.caseId)).toBe('awaiting_determination');
    const options = await bot.suggest(OFFICER.userId, INPUTS.partner, 'P');
    expect(JSON.stringify(options.json)).toContain('P1');
    expect(bot.logs.filter((l) => /unhandled Slack/.test(l))).toEqual([]);
  });
});

it('the fallback lets through exactly the ids no listener registers', async () => {
  const passes = async (known: readonly string[], id: unknown) => {
    let went = false;
    await onlyUnknown(known, () => id)({ next: async () => void (went = true) } as never);
    return went;
  };
  for (const id of Object.values(ACTIONS)) expect({ id, fallback: await passes(Object.keys(actionListeners), id) }).toEqual({ id, fallback: false });
  for (const id of Object.values(VIEWS)) expect({ id, fallback: await passes(Object.keys(viewListeners), id) }).toEqual({ id, fallback: false });
  for (const id of ['reply_accept ', 'REPLY_ACCEPT', 'reply_accept\n', '', undefined, 42, null]) expect({ id, fallback: await passes(Object.keys(actionListeners), id) }).toEqual({ id, fallback: true });
});
