import type { ChatPlatform, Notification, Recipient } from '../../domain/notifications/notification.ts';

/** Where a delivered message landed on one platform, so it can be edited later. */
export interface DeliveredMessage {
  channel: string;
  ts: string;
}

/** Where one outbox row landed, per platform: a channel message goes to every platform served. */
export type DeliveredOn = Partial<Record<ChatPlatform, DeliveredMessage>>;

export interface OutgoingMessage {
  outboxId: number;
  recipient: Recipient;
  notification: Notification;
  /** For an update: the message to edit, on this notifier's platform. */
  original?: DeliveredMessage;
}

/**
 * The port every chat adapter implements (Slack now, DingTalk later). It
 * renders the notification in the reader's language and sends it on its own
 * platform; the outbox (deliver.ts) decides which platforms a row goes to.
 */
export interface Notifier {
  deliver(message: OutgoingMessage): Promise<DeliveredMessage>;
}

/**
 * A message no retry can deliver (the platform does not know the person, or no
 * adapter serves their platform): the outbox keeps it as failed at once, with
 * this reason, instead of spending every attempt on it. Anything else a
 * notifier throws is retried with backoff.
 */
export class UndeliverableMessage extends Error {}

/** The notifier of each platform the deployment serves. */
export type ChatNotifiers = Partial<Record<ChatPlatform, Notifier>>;

/** A notifier that only records: for the CLI when no chat platform is configured, and for tests. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  async deliver(message: OutgoingMessage): Promise<DeliveredMessage> {
    this.sent.push(message);
    return { channel: message.recipient.type === 'user' ? `D-${message.recipient.userId}` : 'C-recorded', ts: `${Date.now()}.${this.sent.length}` };
  }
}
