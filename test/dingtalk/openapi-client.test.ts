import { afterEach, describe, expect, it } from 'vitest';
import { escapeDingTalkMarkdown } from '../../src/dingtalk/markdown.ts';
import { DingTalkApiError, DingTalkOpenApi, type OpenApiOptions } from '../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi, type RobotMessage } from '../../src/dingtalk/robot-api.ts';
import { startFakeDingTalk, type FakeDingTalk, type FakeDingTalkOptions } from '../support/fake-dingtalk.ts';

const BATCH = 'POST robot/oToMessages/batchSend';
const GROUP = 'POST robot/groupMessages/send';
const TOKEN = 'POST oauth2/accessToken';
const note: RobotMessage = { msgKey: 'sampleMarkdown', msgParam: { title: '违规通知', text: '**V-000001**' } };

describe('DingTalk OpenAPI client against the local fake', () => {
  let fake: FakeDingTalk | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setUp(fakeOpts: FakeDingTalkOptions = {}, clientOpts: Partial<OpenApiOptions> = {}) {
    fake = await startFakeDingTalk(fakeOpts);
    const api = new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret, ...clientOpts });
    return { fake, api, robot: new DingTalkRobotApi(api, 'dingrobot', { flowControlDelayMs: 50 }) };
  }

  it('sends the token request DingTalk documents ({appKey, appSecret}) and the token in x-acs-dingtalk-access-token', async () => {
    const { fake, robot } = await setUp();
    await robot.sendToGroup('cidNotices==', note);
    const [tokenCall, send] = fake.calls;
    expect(tokenCall).toMatchObject({ api: TOKEN, status: 200, body: { appKey: fake.clientId, appSecret: fake.clientSecret } });
    expect(send).toMatchObject({ api: GROUP, status: 200, body: { robotCode: 'dingrobot', openConversationId: 'cidNotices==', msgKey: 'sampleMarkdown' } });
    expect(JSON.parse(send!.body.msgParam as string)).toEqual(note.msgParam);
    expect(send!.token).toMatch(/^tok-1-/);
  });

  it('single-flight: twenty concurrent first calls fetch one token, and later calls reuse it', async () => {
    const { fake, robot } = await setUp();
    await Promise.all(Array.from({ length: 20 }, (_, i) => robot.sendToGroup(`cid${i}==`, note)));
    await robot.sendToGroup('cidLater==', note);
    expect(fake.tokensIssued()).toBe(1);
    expect(fake.delivered(GROUP)).toHaveLength(21);
  });

  it('a token DingTalk already considers expired (400 InvalidAuthentication) is refreshed once and the call repeated', async () => {
    const { fake, robot } = await setUp();
    await robot.sendToGroup('cidA==', note);
    fake.expireTokens();
    await robot.sendToGroup('cidB==', note);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.answered(GROUP, 400)).toHaveLength(1);
    expect(fake.delivered(GROUP).map((c) => c.body.openConversationId)).toEqual(['cidA==', 'cidB==']);
  });

  it('a token that really lives shorter than stated expires in use and is replaced', async () => {
    const { fake, robot } = await setUp({ tokenValidMs: 400 });
    await robot.sendToGroup('cidA==', note);
    await new Promise((r) => setTimeout(r, 500));
    await robot.sendToGroup('cidB==', note);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.delivered(GROUP)).toHaveLength(2);
  });

  it('refreshes early: past (expireIn − 5 min) a new token is fetched before the call, with no 400 at all', async () => {
    let now = 1_000_000;
    const { fake, robot } = await setUp({}, { now: () => now });
    await robot.sendToGroup('cidA==', note);
    now += (7200 - 5 * 60) * 1000 - 1;
    await robot.sendToGroup('cidB==', note);
    expect(fake.tokensIssued()).toBe(1);
    now += 2;
    await robot.sendToGroup('cidC==', note);
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it('a refused token request (wrong secret) is an error naming DingTalk’s code, and nothing is sent', async () => {
    fake = await startFakeDingTalk();
    const robot = new DingTalkRobotApi(new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: 'wrong' }), 'dingrobot');
    await expect(robot.sendToGroup('cidA==', note)).rejects.toThrow(/invalidClientIdOrSecret/);
    expect(fake.delivered(GROUP)).toEqual([]);
  });

  it('paces each API at 20 calls a second: 45 sends start over 2 s, never more than 20 in any second, all delivered', async () => {
    // Start times are taken where the client sends (a fetch that notes the time, then real HTTP):
    // under load the fake may receive them bunched, which says nothing about the pacing.
    const starts: number[] = [];
    const notingFetch: typeof fetch = (input, init) => {
      if (String(input).endsWith('/groupMessages/send')) starts.push(performance.now());
      return fetch(input, init);
    };
    const { fake, robot } = await setUp({}, { fetch: notingFetch });
    await Promise.all(Array.from({ length: 45 }, (_, i) => robot.sendToGroup(`cid${i}==`, note)));
    expect(starts).toHaveLength(45);
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(1990);
    for (const t of starts) expect(starts.filter((u) => u >= t && u < t + 990).length).toBeLessThanOrEqual(20);
    expect(fake.delivered(GROUP)).toHaveLength(45);
  });

  it('honours 403 QpsLimit: backs off and retries, so no 403 reaches the caller and every message is sent once', async () => {
    const { fake, robot } = await setUp({ qpsPerApi: 5 }, { backoffMs: 100, maxQpsRetries: 8 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => robot.sendToGroup(`cid${i}==`, note)));
    expect(fake.answered(GROUP, 403).length).toBeGreaterThan(0);
    const sent = fake.delivered(GROUP).map((c) => c.body.openConversationId);
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
  });

  it('gives up after a bounded number of QpsLimit answers, with DingTalk’s code in the error', async () => {
    const { fake, api } = await setUp({ qpsPerApi: 0 }, { backoffMs: 10, maxQpsRetries: 3 });
    const err = await new DingTalkRobotApi(api, 'dingrobot').sendToGroup('cidA==', note).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkApiError);
    expect((err as DingTalkApiError).code).toBe('Forbidden.AccessDenied.QpsLimitForApi');
    // The token call was throttled too: 1 + 3 retries, then no send at all.
    expect(fake.answered(TOKEN, 403)).toHaveLength(4);
  });

  it('splits a DM to 45 users into calls of at most 20 userIds', async () => {
    const { fake, robot } = await setUp();
    const users = Array.from({ length: 45 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    expect(await robot.sendToUsers(users, note)).toEqual({ invalid: [], notDelivered: [] });
    const batches = fake.delivered(BATCH).map((c) => c.body.userIds as string[]);
    expect(batches.map((b) => b.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    expect(batches.flat().sort()).toEqual(users);
  });

  it('resends to flowControlledStaffIdList until delivered; unknown users are reported, not retried', async () => {
    const { fake, robot } = await setUp({ flowControlled: { u2: 2, u3: 1 }, unknownUsers: ['gone'] });
    expect(await robot.sendToUsers(['u1', 'u2', 'u3', 'gone'], note)).toEqual({ invalid: ['gone'], notDelivered: [] });
    expect(fake.delivered(BATCH).map((c) => c.body.userIds)).toEqual([['u1', 'u2', 'u3', 'gone'], ['u2', 'u3'], ['u2']]);
  });

  it('reports users still flow-controlled after the last resend', async () => {
    fake = await startFakeDingTalk({ flowControlled: { u2: 99 } });
    const robot = new DingTalkRobotApi(new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret }), 'dingrobot', { flowControlRetries: 2, flowControlDelayMs: 10 });
    expect(await robot.sendToUsers(['u1', 'u2'], note)).toEqual({ invalid: [], notDelivered: ['u2'] });
    expect(fake.delivered(BATCH)).toHaveLength(3);
  });

  it('delivers one card per recipient with its own outTrackId (IM_ROBOT.<userId>, IM_GROUP.<openConversationId>) and updates one', async () => {
    const { fake, robot } = await setUp();
    const delivered = await robot.createAndDeliverCards({
      cardTemplateId: 'tpl.schema',
      outTrackIdBase: 'V-000001.approval',
      recipients: [{ userId: 'approver1' }, { openConversationId: 'cidApprovals==' }],
      cardParamMap: { caseId: 'V-000001' },
      privateData: { approver1: { canApprove: 'true' } },
      callbackType: 'STREAM',
    });
    expect(delivered.map((d) => d.outTrackId)).toEqual(['V-000001.approval.1', 'V-000001.approval.2']);
    const [dm, group] = fake.delivered('POST card/instances/createAndDeliver').map((c) => c.body);
    expect(dm).toMatchObject({
      outTrackId: 'V-000001.approval.1',
      openSpaceId: 'dtv1.card//IM_ROBOT.approver1',
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'dingrobot' },
      cardData: { cardParamMap: { caseId: 'V-000001' } },
      privateData: { approver1: { cardParamMap: { canApprove: 'true' } } },
      callbackType: 'STREAM',
      userIdType: 1,
    });
    expect(group).toMatchObject({ openSpaceId: 'dtv1.card//IM_GROUP.cidApprovals==', imGroupOpenDeliverModel: { robotCode: 'dingrobot' } });
    await robot.updateCard({ outTrackId: 'V-000001.approval.2', cardParamMap: { status: 'approved' } });
    expect(fake.delivered('PUT card/instances')[0]!.body).toEqual({
      outTrackId: 'V-000001.approval.2',
      cardData: { cardParamMap: { status: 'approved' } },
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    });
  });

  it('never sends @all: escaped user text goes out, a raw @all is refused before any call', async () => {
    const { fake, robot } = await setUp();
    await robot.sendToGroup('cidNotices==', { msgKey: 'sampleMarkdown', msgParam: { title: 't', text: `Note: ${escapeDingTalkMarkdown('please @all look')}` } });
    expect(fake.delivered(GROUP)).toHaveLength(1);
    await expect(robot.sendToGroup('cidNotices==', { msgKey: 'sampleText', msgParam: { content: 'hey @all' } })).rejects.toThrow(/mentions everyone/);
    expect(fake.calls.filter((c) => c.api === GROUP)).toHaveLength(1);
    expect(fake.calls.every((c) => !JSON.stringify(c.body).includes('isAtAll'))).toBe(true);
  });
});
