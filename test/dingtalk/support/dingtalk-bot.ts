// The DingTalk side of the bot as it runs: the real DingTalkInbound and
// Stream client over a real WebSocket to the fake DingTalk, the real robot
// API over HTTP to it, and the handlers (src/dingtalk/handlers.ts) on a case
// world whose people are DingTalk users (roles granted as dingtalk:<id>,
// contacts from the partners CSV's contact_dingtalk_ids).
import type { Database } from '../../../src/db/database.ts';
import { dingtalkHandlers } from '../../../src/dingtalk/handlers.ts';
import type { PartnerPickerLink } from '../../../src/dingtalk/h5/picker-link.ts';
import { DingTalkInbound } from '../../../src/dingtalk/inbound.ts';
import { DingTalkOpenApi } from '../../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../../src/dingtalk/robot-api.ts';
import { DingTalkStreamClient, TOPIC_CARD, TOPIC_ROBOT } from '../../../src/dingtalk/stream-client.ts';
import { silentLogger } from '../../../src/logger.ts';
import type { Actor } from '../../../src/service/access/actor.ts';
import { grantRole } from '../../../src/service/access/manage-roles.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { caseWorld, type CaseWorld } from '../../support/case-fixtures.ts';
import { eventually, robotTextMessage, startFakeDingTalk, type FakeDingTalk } from '../../support/fake-dingtalk.ts';

export const BATCH_SEND = 'POST robot/oToMessages/batchSend';
export const CARD_CREATE = 'POST card/instances/createAndDeliver';
export const REPORT_TEMPLATE = 'tpl.report.v1';

/** The people of the matrix, on DingTalk. DT.officer holds officer and approver (as the Slack fixtures' OFFICER). */
export const DT = {
  officer: 'dt0officer',
  approver: 'dt0approver',
  approver2: 'dt0approver2',
  finance: 'dt0finance',
  admin: 'dt0admin',
  ownContact: 'dt0p1',
  otherContact: 'dt0p2',
  stranger: 'dt0stranger',
} as const;
export type Who = Exclude<keyof typeof DT, 'approver2'>;
export const EVERYONE: Who[] = ['officer', 'approver', 'finance', 'admin', 'ownContact', 'otherContact', 'stranger'];

export function dt(userId: string): Actor {
  return { platform: 'dingtalk', userId };
}

export interface CardAnswerSeen {
  cardData?: { cardParamMap: Record<string, string> };
  userPrivateData?: { cardParamMap: Record<string, string> };
}

export interface DingTalkBot {
  w: CaseWorld;
  fake: FakeDingTalk;
  /** The same inbound the Stream client feeds; HTTP-mode callbacks are handed to it by handleDingTalkHttpCallback. */
  inbound: DingTalkInbound;
  /** Types a text to the robot (DM) and returns the private answer the robot sent that person. */
  say(userId: string, text: string, opts?: { group?: boolean; msgId?: string }): Promise<string>;
  /** Pushes a card callback (a button or a form submit) and returns the answer carried by its ack. */
  click(userId: string, actionId: string, params: Record<string, unknown>, opts?: { outTrackId?: string; messageId?: string }): Promise<CardAnswerSeen>;
  /** DMs the robot sent one person, newest last. */
  dms(userId: string): string[];
  stop(): Promise<void>;
}

let n = 0;

export async function startDingTalkBot(database: Database, opts: { reportCardTemplateId?: string | null; partnerPicker?: PartnerPickerLink } = {}): Promise<DingTalkBot> {
  const w = await caseWorld(database);
  const grants: [string, string][] = [
    [DT.officer, 'officer'], [DT.officer, 'approver'], [DT.approver, 'approver'], [DT.approver2, 'approver'], [DT.finance, 'finance'], [DT.admin, 'admin'],
  ];
  for (const [userId, role] of grants) await grantRole({ db: w.db, clock: w.clock }, { platform: 'dingtalk', userId, role, by: 'test' });
  // P1 keeps its Slack contact and gains a DingTalk one (one partner, both platforms); P2 is on DingTalk only.
  const header = 'partner_id,name,category,level,contact_slack_ids,contact_dingtalk_ids';
  await importPartners(w.deps, { name: 'dt-partners.csv', text: `${header}\nP1,Partner One,consulting_sales,gold,U0PARTNER1,${DT.ownContact}\nP2,Partner Two,service,silver,,${DT.otherContact}\n` });

  const fake = await startFakeDingTalk({ repushAfterMs: 5000 });
  const api = new DingTalkOpenApi({ baseUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret });
  const robot = new DingTalkRobotApi(api, 'dingrobot', { flowControlDelayMs: 10 });
  const handlers = dingtalkHandlers({
    db: w.db, clock: w.clock, cases: w.cases, robot, logger: silentLogger,
    reportCardTemplateId: opts.reportCardTemplateId === undefined ? REPORT_TEMPLATE : opts.reportCardTemplateId, callbackType: 'STREAM',
    ...(opts.partnerPicker ? { partnerPicker: opts.partnerPicker } : {}),
  });
  const inbound = new DingTalkInbound(w.db, w.clock, handlers);
  const client = new DingTalkStreamClient({
    gatewayUrl: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret,
    onCallback: (topic, data, id) => inbound.handle(topic, data, id), reconnectDelayMs: 50,
  });
  await client.start();
  await eventually(() => fake.stream.connected() === 1, 3000, 'the Stream connection');

  const sentTo = (userId: string) =>
    fake.delivered(BATCH_SEND).filter((c) => (c.body.userIds as string[]).includes(userId)).map((c) => (JSON.parse(c.body.msgParam as string) as { text: string }).text);
  const cardsTo = (userId: string) => fake.delivered(CARD_CREATE).filter((c) => c.body.openSpaceId === `dtv1.card//IM_ROBOT.${userId}`);

  const acksOf = (id: string) => fake.stream.acks.filter((a) => a.messageId === id).length;
  const acked = async (id: string, before: number) => {
    await eventually(() => acksOf(id) > before, 5000, `the ack of ${id}`);
    return fake.stream.acks.filter((a) => a.messageId === id).at(-1)!;
  };

  return {
    w,
    fake,
    inbound,
    async say(userId, text, o = {}) {
      const before = sentTo(userId).length + cardsTo(userId).length;
      const id = fake.stream.push(TOPIC_ROBOT, robotTextMessage({ msgId: o.msgId ?? `msg-${++n}`, from: userId, text, group: o.group }));
      await acked(id, 0);
      await eventually(() => sentTo(userId).length + cardsTo(userId).length > before, 5000, `an answer to ${userId}`);
      const dms = sentTo(userId);
      return dms.length + cardsTo(userId).length > before && dms.length > 0 ? dms.at(-1)! : '';
    },
    async click(userId, actionId, params, o = {}) {
      const before = o.messageId ? acksOf(o.messageId) : 0;
      const id = fake.stream.push(
        TOPIC_CARD,
        { outTrackId: o.outTrackId ?? `card.${++n}`, corpId: 'dingcorp', userId, content: JSON.stringify({ cardPrivateData: { actionIds: [actionId], params } }) },
        o.messageId,
      );
      const ack = await acked(id, before);
      return ((ack.data as { response?: CardAnswerSeen } | null)?.response ?? {}) as CardAnswerSeen;
    },
    dms: sentTo,
    async stop() {
      await client.stop();
      await fake.close();
    },
  };
}

/** What the clicker sees on the card: done (for everyone) or refused (for them only), and the words. */
export function outcomeOfCard(a: CardAnswerSeen): { outcome: 'done' | 'refused' | 'filed' | 'error' | 'none'; message: string } {
  const shared = a.cardData?.cardParamMap;
  const own = a.userPrivateData?.cardParamMap;
  if (own?.status === 'refused') return { outcome: 'refused', message: own.message ?? '' };
  if (shared?.status === 'done' || shared?.status === 'filed' || shared?.status === 'error') return { outcome: shared.status, message: shared.message ?? '' };
  return { outcome: 'none', message: '' };
}
