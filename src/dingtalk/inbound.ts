import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { claimCallback, setDingtalkLocale } from '../db/repositories/dingtalk.repository.ts';
import { dingtalkCallbacks } from '../db/schema/index.ts';
import type { Clock } from '../service/clock.ts';
import { parseDingTalkCommand, type DingTalkCommand } from './command-parser.ts';
import { TOPIC_CARD, TOPIC_ROBOT } from './stream-client.ts';

/**
 * Inbound callbacks, whichever way they came (Stream or HTTP): each is
 * handled once (dedupe on DingTalk's `msgId`, a table row inserted on
 * conflict-do-nothing), robot texts become commands, and the language
 * preference is kept here since it is the adapter's, not a use case's.
 * What a command does is the glue's (onCommand / onCardAction).
 */

/** The robot message fields we rely on (SDK src/constants.ts RobotMessageBase). */
const robotMessageSchema = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  /** The company userId: the identity staff roles name as dingtalk:<userId>. */
  senderStaffId: z.string().min(1),
  senderNick: z.string().optional(),
  conversationId: z.string(),
  /** '1' a DM with the robot, '2' a group. */
  conversationType: z.string(),
  text: z.object({ content: z.string() }).optional(),
});

export interface RobotCommand {
  msgId: string;
  userId: string;
  senderNick: string | undefined;
  conversationId: string;
  inGroup: boolean;
  command: DingTalkCommand;
}

/** A card button or form submit (card topic): who, which card, and the private params. */
const cardCallbackSchema = z.object({
  outTrackId: z.string().min(1),
  userId: z.string().min(1),
  /** A JSON string: {cardPrivateData: {actionIds: [...], params: {...}}}. */
  content: z.string().optional(),
  value: z.string().optional(),
});

export interface CardAction {
  /** The Stream frame's messageId (the same on a re-push): one click, so the use case's idempotency key. */
  deliveryId: string;
  outTrackId: string;
  userId: string;
  actionIds: string[];
  params: Record<string, unknown>;
}

export interface InboundHandlers {
  onCommand(cmd: RobotCommand): Promise<void>;
  /** Its answer (e.g. {cardData: {cardParamMap}}) goes back in the ack and updates the card at no API cost. */
  onCardAction(action: CardAction): Promise<unknown>;
}

export class DingTalkInbound {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly handlers: InboundHandlers;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(db: Db, clock: Clock, handlers: InboundHandlers) {
    this.db = db;
    this.clock = clock;
    this.handlers = handlers;
  }

  /**
   * One callback. `deliveryId` is the Stream frame's messageId (the same on
   * a re-push), the dedupe key of card callbacks which carry no msgId.
   * Throws when handling failed, after releasing the claim, so a re-push is
   * handled again.
   */
  async handle(topic: string, data: unknown, deliveryId: string): Promise<unknown> {
    if (topic === TOPIC_ROBOT) {
      const msg = robotMessageSchema.safeParse(data);
      if (!msg.success) return null; // not a message we can read: ack and drop
      return this.once(msg.data.msgId, topic, () => this.robotMessage(msg.data));
    }
    if (topic === TOPIC_CARD) {
      const cb = cardCallbackSchema.safeParse(data);
      if (!cb.success) return null;
      return this.once(`card:${deliveryId}`, topic, () => this.handlers.onCardAction(cardActionOf(cb.data, deliveryId)));
    }
    return null;
  }

  /**
   * A re-push can arrive while the first delivery is still being handled
   * here: it waits for that one, and fails with it (so it is not acked and
   * DingTalk pushes again), instead of being acked on the strength of a
   * claim that the failure will release.
   */
  private async once(key: string, topic: string, work: () => Promise<unknown>): Promise<unknown> {
    const running = this.running.get(key);
    if (running) {
      await running;
      return null;
    }
    const attempt = (async () => {
      if (!(await claimCallback(this.db, key, topic, this.clock.now()))) return null;
      try {
        return await work();
      } catch (e) {
        await this.db.delete(dingtalkCallbacks).where(eq(dingtalkCallbacks.msgId, key));
        throw e;
      }
    })();
    this.running.set(key, attempt);
    try {
      return await attempt;
    } finally {
      this.running.delete(key);
    }
  }

  private async robotMessage(m: z.infer<typeof robotMessageSchema>): Promise<null> {
    // Only text is a command; anything else (a picture, a file) gets the help.
    const command = parseDingTalkCommand(m.msgtype === 'text' ? (m.text?.content ?? '') : '');
    if (command.kind === 'language') await setDingtalkLocale(this.db, m.senderStaffId, command.locale, this.clock.now());
    await this.handlers.onCommand({
      msgId: m.msgId,
      userId: m.senderStaffId,
      senderNick: m.senderNick,
      conversationId: m.conversationId,
      inGroup: m.conversationType === '2',
      command,
    });
    return null;
  }
}

function cardActionOf(cb: z.infer<typeof cardCallbackSchema>, deliveryId: string): CardAction {
  let parsed: { cardPrivateData?: { actionIds?: unknown; params?: unknown } } = {};
  try {
    parsed = JSON.parse(cb.content ?? cb.value ?? '{}') as typeof parsed;
  } catch {
    // An unreadable content is an action with no params; the glue decides.
  }
  const actionIds = Array.isArray(parsed.cardPrivateData?.actionIds) ? parsed.cardPrivateData.actionIds.map(String) : [];
  const params = typeof parsed.cardPrivateData?.params === 'object' && parsed.cardPrivateData.params !== null ? (parsed.cardPrivateData.params as Record<string, unknown>) : {};
  return { deliveryId, outTrackId: cb.outTrackId, userId: cb.userId, actionIds, params };
}
