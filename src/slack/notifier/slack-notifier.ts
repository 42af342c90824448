import type { WebClient } from '@slack/web-api';
import type { Recipient } from '../../domain/notifications/notification.ts';
import type { DeliveredMessage, Notifier, OutgoingMessage } from '../../service/outbox/notifier.ts';
import type { Locale } from '../../messages/i18n.ts';
import type { LocaleResolver } from '../locale/locale-resolver.ts';
import type { RenderedMessage } from '../render/blocks.ts';
import { renderNotification } from '../render/render-notification.ts';

/** The metadata event type every outbox message carries, with `{ outbox_id }` as its payload. */
export const OUTBOX_EVENT_TYPE = 'violation_bot_outbox';

export interface SlackNotifierOptions {
  client: WebClient;
  /** Channel ids for the public notices (NOTICES_CHANNEL) and the approvals queue (APPROVALS_CHANNEL). */
  channels: { notices: string; approvals: string };
  locales: LocaleResolver;
  defaultLocale: Locale;
  /** For wording relative to the present ("waiting 26 h"); defaults to the system clock. */
  now?: () => Date;
}

/**
 * The outbox's Slack adapter: renders each notification in its reader's
 * language and sends it. Rate limits (429 + Retry-After) are the WebClient's
 * business (its queue pauses and retries per `retryConfig`); every other
 * failure propagates, so the outbox keeps the error and tries again later.
 */
export class SlackNotifier implements Notifier {
  private readonly client: WebClient;
  private readonly channels: SlackNotifierOptions['channels'];
  private readonly locales: LocaleResolver;
  private readonly defaultLocale: Locale;
  private readonly now: () => Date;

  constructor(options: SlackNotifierOptions) {
    this.client = options.client;
    this.channels = options.channels;
    this.locales = options.locales;
    this.defaultLocale = options.defaultLocale;
    this.now = options.now ?? (() => new Date());
  }

  async deliver(message: OutgoingMessage): Promise<DeliveredMessage> {
    const r = message.recipient;
    const locale = r.type === 'user' ? await this.locales.localeOf(r.userId) : this.defaultLocale;
    const rendered = renderNotification(message.notification, locale, this.now());
    if (r.type === 'update') return this.update(message, r, rendered);
    // A DM is posted to the user id: Slack puts it in the person's DM with the app and answers with
    // that D… channel, kept for later edits. No conversations.open first: it is Tier 3 (~50 a minute),
    // so for a notice to thousands of contacts it, not chat.postMessage, would set the pace (issue 10).
    const channel = r.type === 'user' ? r.userId : this.channels[r.channel];
    return this.post(channel, message.outboxId, rendered);
  }

  private async post(channel: string, outboxId: number, m: RenderedMessage): Promise<DeliveredMessage> {
    const res = await this.client.chat.postMessage({
      channel,
      text: m.text,
      blocks: m.blocks,
      metadata: metadataOf(outboxId),
      // Evidence links are text to read, not previews to load.
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!res.ts) throw new Error(`Slack chat.postMessage to ${channel} gave no message ts`);
    return { channel: res.channel ?? channel, ts: res.ts };
  }

  /**
   * An edit of an earlier message (an approval request once decided). Its
   * first reader is unknown here, so it is written in the default locale,
   * like the channel post it usually edits.
   */
  private async update(message: OutgoingMessage, r: Extract<Recipient, { type: 'update' }>, m: RenderedMessage): Promise<DeliveredMessage> {
    const original = message.original;
    if (!original) throw new Error(`outbox ${message.outboxId} updates outbox ${r.outboxId}, but its delivered message is not known`);
    const res = await this.client.chat.update({
      channel: original.channel,
      ts: original.ts,
      text: m.text,
      blocks: m.blocks,
      metadata: metadataOf(message.outboxId),
    });
    return { channel: res.channel ?? original.channel, ts: res.ts ?? original.ts };
  }
}

function metadataOf(outboxId: number) {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: outboxId } };
}
