import { mentionsEveryone } from './markdown.ts';
import type { DingTalkOpenApi } from './openapi-client.ts';

/**
 * What the robot sends: DMs, group messages, and interactive cards (issue 12).
 * Field names are DingTalk's (robot_1_0 / card_1_0 of the OpenAPI); see
 * /work/wt/notes-dtwire.md for where each was checked.
 */
export type RobotMessage = { msgKey: 'sampleMarkdown'; msgParam: { title: string; text: string } } | { msgKey: 'sampleText'; msgParam: { content: string } };

/** A card's place: a DM with the robot, or a group the robot is in. */
export type CardRecipient = { userId: string } | { openConversationId: string };

/** DingTalk: at most 20 userIds per oToMessages/batchSend call. */
export const BATCH_SEND_MAX = 20;

export interface BatchSendResult {
  /** Users DingTalk does not know (left the company, wrong id): not retried. */
  invalid: string[];
  /** Users still flow-controlled after the last resend. */
  notDelivered: string[];
}

export interface RobotApiOptions {
  /** Resends to `flowControlledStaffIdList` before giving up on them (default 3). */
  flowControlRetries?: number;
  /** Wait before each resend (default 1 s, doubling). */
  flowControlDelayMs?: number;
  /** http mode: the registered `callbackRouteKey` every HTTP-callback card is created with (where its clicks are POSTed). */
  callbackRouteKey?: string | undefined;
}

export class DingTalkRobotApi {
  private readonly api: DingTalkOpenApi;
  private readonly robotCode: string;
  private readonly retries: number;
  private readonly delayMs: number;
  private readonly callbackRouteKey: string | undefined;

  constructor(api: DingTalkOpenApi, robotCode: string, opts: RobotApiOptions = {}) {
    this.api = api;
    this.robotCode = robotCode;
    this.retries = opts.flowControlRetries ?? 3;
    this.delayMs = opts.flowControlDelayMs ?? 1000;
    this.callbackRouteKey = opts.callbackRouteKey;
  }

  /** One message to each user, 20 a call; users DingTalk flow-controlled are sent to again. */
  async sendToUsers(userIds: readonly string[], message: RobotMessage): Promise<BatchSendResult> {
    const invalid: string[] = [];
    let todo = [...new Set(userIds)];
    for (let round = 0; todo.length > 0; round++) {
      if (round > 0) await sleep(this.delayMs * 2 ** (round - 1));
      const again: string[] = [];
      const chunks = chunk(todo, BATCH_SEND_MAX);
      const answers = await Promise.all(chunks.map((ids) => this.batchSend(ids, message)));
      for (const a of answers) {
        invalid.push(...(a.invalidStaffIdList ?? []));
        again.push(...(a.flowControlledStaffIdList ?? []));
      }
      if (round >= this.retries) return { invalid, notDelivered: again };
      todo = again;
    }
    return { invalid, notDelivered: [] };
  }

  private batchSend(userIds: string[], message: RobotMessage): Promise<{ processQueryKey?: string; invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] }> {
    return this.api.call('POST', 'robot/oToMessages/batchSend', guarded({ robotCode: this.robotCode, userIds, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) }));
  }

  /** A message to a group the robot is in (the approvals or notices group). */
  async sendToGroup(openConversationId: string, message: RobotMessage): Promise<{ processQueryKey: string }> {
    return this.api.call('POST', 'robot/groupMessages/send', guarded({ robotCode: this.robotCode, openConversationId, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) }));
  }

  /**
   * One interactive card per recipient, each with its own outTrackId
   * (`<outTrackIdBase>.<n>`), so each can be updated on its own later.
   * Clicks come back on the card topic (Stream) or the HTTP callback.
   */
  async createAndDeliverCards(card: {
    cardTemplateId: string;
    outTrackIdBase: string;
    recipients: readonly CardRecipient[];
    /** Card variables: DingTalk takes string values only. */
    cardParamMap: Record<string, string>;
    /** Per-user variables (what only that user sees), by userId. */
    privateData?: Record<string, Record<string, string>>;
    callbackType: 'STREAM' | 'HTTP';
  }): Promise<{ recipient: CardRecipient; outTrackId: string }[]> {
    const delivered: { recipient: CardRecipient; outTrackId: string }[] = [];
    for (const [i, recipient] of card.recipients.entries()) {
      const outTrackId = `${card.outTrackIdBase}.${i + 1}`;
      const space =
        'userId' in recipient
          ? {
              openSpaceId: `dtv1.card//IM_ROBOT.${recipient.userId}`,
              imRobotOpenSpaceModel: { supportForward: false },
              imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.robotCode },
            }
          : {
              openSpaceId: `dtv1.card//IM_GROUP.${recipient.openConversationId}`,
              imGroupOpenSpaceModel: { supportForward: false },
              imGroupOpenDeliverModel: { robotCode: this.robotCode },
            };
      const answer = await this.api.call<{ success?: boolean; result?: { deliverResults?: { success?: boolean; errorMsg?: string }[] } }>(
        'POST',
        'card/instances/createAndDeliver',
        guarded({
          cardTemplateId: card.cardTemplateId,
          outTrackId,
          callbackType: card.callbackType,
          ...(card.callbackType === 'HTTP' && this.callbackRouteKey ? { callbackRouteKey: this.callbackRouteKey } : {}),
          userIdType: 1,
          cardData: { cardParamMap: card.cardParamMap },
          ...(card.privateData ? { privateData: privateDataOf(card.privateData) } : {}),
          ...space,
        }),
      );
      const failed = answer.result?.deliverResults?.find((r) => r.success === false);
      if (answer.success === false || failed) throw new Error(`DingTalk card ${outTrackId} not delivered: ${failed?.errorMsg ?? 'success false'}`);
      delivered.push({ recipient, outTrackId });
    }
    return delivered;
  }

  /** Changes a delivered card (its shared and/or per-user variables), key by key. */
  async updateCard(update: { outTrackId: string; cardParamMap?: Record<string, string>; privateData?: Record<string, Record<string, string>> }): Promise<void> {
    await this.api.call('PUT', 'card/instances', {
      outTrackId: update.outTrackId,
      ...(update.cardParamMap ? { cardData: { cardParamMap: update.cardParamMap } } : {}),
      ...(update.privateData ? { privateData: privateDataOf(update.privateData) } : {}),
      cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    });
  }
}

function privateDataOf(byUser: Record<string, Record<string, string>>): Record<string, { cardParamMap: Record<string, string> }> {
  return Object.fromEntries(Object.entries(byUser).map(([userId, cardParamMap]) => [userId, { cardParamMap }]));
}

/** Never @all (issue 12): refuse to send a body that would notify everyone. */
function guarded<T>(body: T): T {
  if (mentionsEveryone(body)) throw new Error('refusing to send a DingTalk message that mentions everyone (@all / isAtAll)');
  return body;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
