import type { Notification, Recipient } from '../../domain/notifications/notification.ts';
import type { Locale } from '../../messages/i18n.ts';
import { composeNotification } from '../../messages/notifications/compose-notification.ts';
import { UndeliverableMessage, type DeliveredMessage, type Notifier, type OutgoingMessage } from '../../service/outbox/notifier.ts';
import type { CardRecipient, DingTalkRobotApi } from '../robot-api.ts';
import { buttonsOf, hasActions, renderDingTalkMarkdown } from './render-markdown.ts';

export interface DingTalkNotifierOptions {
  robot: DingTalkRobotApi;
  /** Open conversation ids of the approvals and public-notices groups. */
  conversations: { approvals: string; notices: string };
  /** The generic card template (DINGTALK_CARD_TEMPLATE_ID); unset → markdown with a command hint. */
  cardTemplateId: string | undefined;
  /** Where card clicks come back: the Stream connection or the HTTP callback. */
  callbackType: 'STREAM' | 'HTTP';
  /** A person's stored language (dingtalk_user_locales, default zh-CN). */
  localeOf: (userId: string) => Promise<Locale>;
  /** The language of group posts and of edits. */
  defaultLocale: Locale;
  now?: () => Date;
  /** Makes the card's outTrackId unique (tests pass a fixed one). */
  randomId?: () => string;
}

/**
 * Where a DingTalk message landed, as the outbox keeps it (DeliveredMessage):
 * a card is `{channel: 'IM_ROBOT.<userId>' | 'IM_GROUP.<cid>', ts: outTrackId}`
 * (an edit finds it by its outTrackId); a markdown message
 * `{channel: 'user:<userId>' | 'group:<cid>', ts: processQueryKey}` (DingTalk
 * cannot edit those: an edit is sent as a new message to the same place).
 */
const CARD_SPACE = /^IM_(ROBOT|GROUP)\.(.+)$/;
const MARKDOWN_PLACE = /^(user|group):(.+)$/;

/**
 * The outbox's DingTalk adapter (issue 12): each notification in its
 * reader's language, as an interactive card when it has buttons and a card
 * template is configured, else as robot markdown. A DingTalk answer that
 * names the user as unknown fails the message at once (no retry makes the
 * id known); one still flow-controlled is thrown to be retried later. The
 * outbox keeps the reason either way.
 */
export class DingTalkNotifier implements Notifier {
  private readonly o: DingTalkNotifierOptions;

  constructor(options: DingTalkNotifierOptions) {
    this.o = options;
  }

  async deliver(message: OutgoingMessage): Promise<DeliveredMessage> {
    const r = message.recipient;
    const locale = r.type === 'user' ? await this.o.localeOf(r.userId) : this.o.defaultLocale;
    const doc = composeNotification(message.notification, locale, (this.o.now ?? (() => new Date()))());
    const caseId = caseIdOf(message.notification);
    if (r.type === 'update') return this.update(message, r, doc, locale, caseId);
    const place: CardRecipient = r.type === 'user' ? { userId: r.userId } : { openConversationId: this.o.conversations[r.channel] };
    if (this.o.cardTemplateId && hasActions(doc)) return this.card(message.outboxId, place, doc, locale);
    return this.markdown(place, renderDingTalkMarkdown(doc, locale, { actions: 'hint', ...(caseId ? { caseId } : {}) }));
  }

  private async card(outboxId: number, place: CardRecipient, doc: ReturnType<typeof composeNotification>, locale: Locale): Promise<DeliveredMessage> {
    const suffix = (this.o.randomId ?? (() => Math.random().toString(36).slice(2, 10)))();
    const [delivered] = await this.o.robot.createAndDeliverCards({
      cardTemplateId: this.o.cardTemplateId!,
      outTrackIdBase: `vt-outbox-${outboxId}-${suffix}`,
      recipients: [place],
      cardParamMap: cardParams(doc, locale),
      callbackType: this.o.callbackType,
    });
    return { channel: 'userId' in place ? `IM_ROBOT.${place.userId}` : `IM_GROUP.${place.openConversationId}`, ts: delivered!.outTrackId };
  }

  private async markdown(place: CardRecipient, md: { title: string; text: string }): Promise<DeliveredMessage> {
    const message = { msgKey: 'sampleMarkdown' as const, msgParam: md };
    if ('openConversationId' in place) {
      const sent = await this.o.robot.sendToGroup(place.openConversationId, message);
      return { channel: `group:${place.openConversationId}`, ts: sent.processQueryKey ?? '' };
    }
    const result = await this.o.robot.sendToUsers([place.userId], message);
    if (result.invalid.includes(place.userId)) throw new UndeliverableMessage(`DingTalk does not know user ${place.userId} (invalidStaffIdList): check the id in the partners CSV or staff roles`);
    if (result.notDelivered.includes(place.userId)) throw new Error(`DingTalk flow-controlled the message to user ${place.userId} (flowControlledStaffIdList) after resending: will retry later`);
    return { channel: `user:${place.userId}`, ts: 'batchSend' };
  }

  /**
   * An edit (an approval request once decided): a card is updated in place
   * (its buttons go); a markdown message cannot be edited, so the new text
   * is sent to the same place.
   */
  private async update(message: OutgoingMessage, r: Extract<Recipient, { type: 'update' }>, doc: ReturnType<typeof composeNotification>, locale: Locale, caseId: string | undefined): Promise<DeliveredMessage> {
    const original = message.original;
    if (!original) throw new Error(`outbox ${message.outboxId} updates outbox ${r.outboxId}, but its delivered DingTalk message is not known`);
    if (CARD_SPACE.test(original.channel)) {
      await this.o.robot.updateCard({ outTrackId: original.ts, cardParamMap: cardParams(doc, locale) });
      return original;
    }
    const m = MARKDOWN_PLACE.exec(original.channel);
    if (!m) throw new Error(`outbox ${message.outboxId}: cannot tell where the DingTalk message to update landed (${original.channel})`);
    const place: CardRecipient = m[1] === 'user' ? { userId: m[2]! } : { openConversationId: m[2]! };
    return this.markdown(place, renderDingTalkMarkdown(doc, locale, { actions: 'hint', ...(caseId ? { caseId } : {}) }));
  }
}

/** The template's variables (DingTalk takes strings only): title, markdown, buttons as JSON. */
export function cardParams(doc: ReturnType<typeof composeNotification>, locale: Locale): Record<string, string> {
  const md = renderDingTalkMarkdown(doc, locale, { actions: 'buttons' });
  return { title: md.title, markdown: md.text, buttons: JSON.stringify(buttonsOf(doc)) };
}

function caseIdOf(n: Notification): string | undefined {
  const c = (n as { case?: { caseId?: unknown } }).case;
  return typeof c?.caseId === 'string' ? c.caseId : undefined;
}
