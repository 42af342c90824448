// Card callbacks in HTTP callback mode (DINGTALK_MODE=http, issue 12): a
// card click or form submit is POSTed, signed, to /dingtalk/events (the URL
// registered for the cards' callbackRouteKey) and answered in the response
// body with the card update, as the Stream ack carries it. Over real HTTP to
// the bot's small server; the handlers and the case world are the real ones.
import { afterEach, expect, it } from 'vitest';
import { dingtalkEventsHandler, startDingTalkHttpServer } from '../../src/dingtalk/http-server.ts';
import { DingTalkInbound } from '../../src/dingtalk/inbound.ts';
import { DingTalkOpenApi } from '../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../src/dingtalk/robot-api.ts';
import { silentLogger } from '../../src/logger.ts';
import { reportViolation } from '../../src/service/cases/report-violation.ts';
import { key } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { signedCallbackHeaders } from '../support/fake-dingtalk.ts';
import { caseState, countRows } from '../slack/e2e/harness.ts';
import { CARD_CREATE, DT, dt, startDingTalkBot, type DingTalkBot } from './support/dingtalk-bot.ts';

const SECRET = 'app-secret-for-http-cards';

describeEachBackend('DingTalk card callbacks over HTTP (signed)', (getDb) => {
  let bot: DingTalkBot | undefined;
  let server: { port: number; stop(): Promise<void> } | undefined;
  afterEach(async () => {
    await server?.stop();
    await bot?.stop();
    server = undefined;
    bot = undefined;
  });

  async function serve(inbound: DingTalkInbound, b: DingTalkBot) {
    server = await startDingTalkHttpServer({
      port: 0,
      host: '127.0.0.1',
      checkDatabase: async () => {},
      events: dingtalkEventsHandler({ appSecret: SECRET, clock: b.w.clock, inbound, logger: silentLogger }),
      logger: silentLogger,
    });
    const url = `http://127.0.0.1:${server.port}/dingtalk/events`;
    return async (userId: string, actionId: string, params: Record<string, unknown>, o: { secret?: string; outTrackId?: string } = {}) => {
      const body = { type: 'actionCallback', outTrackId: o.outTrackId ?? 'reply.http.1', corpId: 'dingcorp', userId, content: JSON.stringify({ cardPrivateData: { actionIds: [actionId], params } }) };
      const started = Date.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signedCallbackHeaders(o.secret ?? SECRET, b.w.clock.now().getTime()) }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { userPrivateData?: { cardParamMap: Record<string, string> }; cardData?: { cardParamMap: Record<string, string> }; error?: string }, ms: Date.now() - started };
    };
  }

  async function disputedCase(b: DingTalkBot): Promise<string> {
    const r = await reportViolation(b.w.cases, { key: key(), actor: dt(DT.officer), partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20', facts: 'Late service', evidence: [] });
    await b.click(DT.ownContact, 'replyDispute', { value: r.caseId, text: 'We were on time', links: ['https://example.com/defence'] });
    return r.caseId;
  }

  it('a signed click is answered in the response (the form); the signed submit proposes; the same callback again changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const post = await serve(bot.inbound, bot);
    const open = await post(DT.officer, 'determineOpen', { value: caseId, locale: 'en' });
    expect(open.status).toBe(200);
    expect(open.body.userPrivateData!.cardParamMap).toMatchObject({ status: 'determineForm', formCaseId: caseId });
    const submit = { value: caseId, locale: 'en', established: 'yes', reasons: 'The ticket log shows the delay' };
    const done = await post(DT.officer, 'determineSubmit', submit);
    expect(done).toMatchObject({ status: 200, body: { cardData: { cardParamMap: { status: 'done' } } } });
    expect(await caseState(bot.w.db, caseId)).toBe('determination_proposed');
    const audit = await countRows(bot.w.db, 'audit_events');
    // Delivered again (a retry or a replay, signed anew): deduped on what it carries, answered empty.
    expect(await post(DT.officer, 'determineSubmit', submit)).toMatchObject({ status: 200, body: {} });
    expect(await countRows(bot.w.db, 'determinations')).toBe(1);
    expect(await countRows(bot.w.db, 'audit_events')).toBe(audit);
    // A non-officer's signed click is answered with the refusal, for them only.
    const refused = await post(DT.stranger, 'determineOpen', { value: caseId });
    expect(refused.body.userPrivateData!.cardParamMap.status).toBe('refused');
    expect(refused.body.cardData).toBeUndefined();
  });

  it('a wrong signature is refused (401) and changes nothing', async () => {
    bot = await startDingTalkBot(getDb());
    const caseId = await disputedCase(bot);
    const post = await serve(bot.inbound, bot);
    const callbacks = await countRows(bot.w.db, 'dingtalk_callbacks');
    const forged = await post(DT.officer, 'determineSubmit', { value: caseId, established: 'yes', reasons: 'forged' }, { secret: 'not-the-secret' });
    expect(forged).toMatchObject({ status: 401, body: { error: 'signature mismatch' } });
    expect(await countRows(bot.w.db, 'determinations')).toBe(0);
    expect(await countRows(bot.w.db, 'dingtalk_callbacks')).toBe(callbacks);
    expect(await caseState(bot.w.db, caseId)).toBe('awaiting_determination');
  });

  it('answers within DingTalk’s 2 s even when the handler is slow (an empty answer; the work goes on)', async () => {
    bot = await startDingTalkBot(getDb());
    let finished = false;
    const slow = new DingTalkInbound(bot.w.db, bot.w.clock, {
      onCommand: async () => {},
      onCardAction: async () => {
        await new Promise((r) => setTimeout(r, 2500));
        finished = true;
        return { cardData: { cardParamMap: { status: 'done' } } };
      },
    });
    const post = await serve(slow, bot);
    const answer = await post(DT.officer, 'determineOpen', { value: 'V-000001' });
    expect(answer).toMatchObject({ status: 200, body: {} });
    expect(answer.ms).toBeLessThan(2000);
    expect(finished).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(finished).toBe(true);
  });

  it('in http mode the cards are created with the registered callbackRouteKey', async () => {
    bot = await startDingTalkBot(getDb());
    const api = new DingTalkOpenApi({ baseUrl: bot.fake.url, clientId: bot.fake.clientId, clientSecret: bot.fake.clientSecret });
    const robot = new DingTalkRobotApi(api, 'dingrobot', { callbackRouteKey: 'violation-bot' });
    await robot.createAndDeliverCards({ cardTemplateId: 'tpl.generic', outTrackIdBase: 'http.route', recipients: [{ userId: DT.officer }], cardParamMap: { title: 't' }, callbackType: 'HTTP' });
    await robot.createAndDeliverCards({ cardTemplateId: 'tpl.generic', outTrackIdBase: 'stream.route', recipients: [{ userId: DT.officer }], cardParamMap: { title: 't' }, callbackType: 'STREAM' });
    const [http, stream] = bot.fake.delivered(CARD_CREATE).slice(-2);
    expect(http!.body).toMatchObject({ callbackType: 'HTTP', callbackRouteKey: 'violation-bot' });
    expect(stream!.body.callbackRouteKey).toBeUndefined();
  });
});
