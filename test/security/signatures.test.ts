// Requests Slack did not sign, signed with another secret, or dated more than
// 5 minutes from now either way: 401 on every kind of request (and before the malformed-body guard), and
// nothing runs — no row, no Web API call, no private answer.
import { afterEach, expect, it } from 'vitest';
import { ACTIONS, INPUTS, VIEWS } from '../../src/slack/action-ids.ts';
import { OFFICER, P1_CONTACT } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { blockActionPayload, eventCallbackBody, postSigned, slashCommandFields, type SendOptions } from '../support/slack-requests.ts';
import { SECRET, reportValues, startBot, type Bot } from '../slack/e2e/harness.ts';
import { allRowCounts, trackListeners } from './support.ts';

const FORM = 'application/x-www-form-urlencoded';
const now = () => Math.floor(Date.now() / 1000);

describeEachBackend('requests not signed by Slack', (getDb) => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('answers 401 to unsigned, wrongly signed and stale requests of every kind, and nothing happens', async () => {
    bot = await startBot(getDb());
    const listeners = trackListeners(bot);
    const before = await allRowCounts(bot.w.db);
    const url = bot.fake.responseUrl('forged');

    // Each would act if signed: file a report, accept, open a modal, search partners, open App Home.
    const bodies: [string, string, string][] = [
      ['command', new URLSearchParams(slashCommandFields({ command: '/violation', text: 'report', user_id: OFFICER.userId, response_url: url })).toString(), FORM],
      ['click', new URLSearchParams({ payload: JSON.stringify(blockActionPayload({ user_id: P1_CONTACT.userId, actions: [{ action_id: ACTIONS.reportOpen, value: '' }], response_url: url })) }).toString(), FORM],
      [
        'submission',
        new URLSearchParams({
          payload: JSON.stringify({ type: 'view_submission', user: { id: OFFICER.userId, team_id: 'T1' }, team: { id: 'T1' }, view: { id: 'VF1', hash: 'h', callback_id: VIEWS.report, private_metadata: '', state: { values: reportValues({}) } } }),
        }).toString(),
        FORM,
      ],
      ['options', new URLSearchParams({ payload: JSON.stringify({ type: 'block_suggestion', user: { id: OFFICER.userId, team_id: 'T1' }, team: { id: 'T1' }, action_id: INPUTS.partner, value: 'P', view: { id: 'V1' } }) }).toString(), FORM],
      ['event', JSON.stringify(eventCallbackBody({ type: 'app_home_opened', user: OFFICER.userId, tab: 'home' })), 'application/json'],
      // Malformed as well as unsigned: still 401 (the guard refuses only what is signed).
      ['null body', 'null', 'application/json'],
    ];
    const forgeries: [string, SendOptions | ((body: string) => Promise<number>)][] = [
      ['no signature', { signature: '' }],
      ['a signature of zeros', { signature: `v0=${'0'.repeat(64)}` }],
      ['not v0', { signature: 'v1=abc' }],
      ['stale by 6 minutes', { timestampSec: now() - 6 * 60 }],
      // Correctly signed, but dated ahead: Bolt refuses only the stale, the receiver the future (a replay window otherwise).
      ['6 minutes in the future', { timestampSec: now() + 6 * 60 }],
      ['a day in the future', { timestampSec: now() + 24 * 60 * 60 }],
      ['a timestamp that is not a number', { headers: { 'x-slack-request-timestamp': 'yesterday' } }],
    ];
    const statuses: Record<string, number> = {};
    for (const [kind, body, type] of bodies) {
      for (const [how, opts] of forgeries) statuses[`${kind}: ${how}`] = (await postSigned(bot.baseUrl, SECRET, body, type, opts as SendOptions)).status;
      // Signed, but with another app's secret.
      statuses[`${kind}: another secret`] = (await postSigned(bot.baseUrl, 'not-the-signing-secret', body, type)).status;
      // Signed, then the body changed on the way.
      const signedFor = await signatureFor(body);
      statuses[`${kind}: body changed after signing`] = (await postSigned(bot.baseUrl, SECRET, `${body} `, type, signedFor)).status;
    }
    expect(Object.entries(statuses).filter(([, s]) => s !== 401)).toEqual([]);

    await listeners.settled();
    expect(await allRowCounts(bot.w.db)).toEqual(before);
    expect(bot.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(bot.fake.responseUrlPosts).toEqual([]);

    // The same requests, signed: the bot does answer them (so the 401s above were the signature's doing).
    const real = await postSigned(bot.baseUrl, SECRET, bodies[0]![1], FORM);
    expect(real.status).toBe(200);
    await bot.fake.waitFor('views.open');
  });

  it('refuses with 400 a correctly signed click whose text holds a NUL (PostgreSQL text cannot store one; found by the fuzz test), and nothing runs', async () => {
    bot = await startBot(getDb());
    const before = await allRowCounts(bot.w.db);
    const payload = blockActionPayload({ user_id: OFFICER.userId, actions: [{ action_id: ACTIONS.reportOpen, value: '', action_ts: 'a\u0000b' }], response_url: bot.fake.responseUrl('nul') });
    const res = await postSigned(bot.baseUrl, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(res.status).toBe(400);
    expect(await allRowCounts(bot.w.db)).toEqual(before);
    expect(bot.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('accepts a correctly signed request dated 4 minutes ahead or behind (clocks drift; Slack allows 5 minutes either way)', async () => {
    bot = await startBot(getDb());
    for (const skew of [4 * 60, -4 * 60]) {
      const before = bot.fake.callsTo('views.open').length;
      const res = await bot.command(OFFICER.userId, 'report', { send: { timestampSec: now() + skew } });
      expect({ skew, status: res.status }).toEqual({ skew, status: 200 });
      await bot.fake.waitFor('views.open', () => bot!.fake.callsTo('views.open').length > before);
    }
  });
});

/** The headers of a correct signature over `body`, to send with another body. */
async function signatureFor(body: string): Promise<SendOptions> {
  const { signRequest } = await import('../support/slack-requests.ts');
  const ts = now();
  const h = signRequest(body, SECRET, ts);
  return { timestampSec: ts, signature: h['x-slack-signature'] };
}
