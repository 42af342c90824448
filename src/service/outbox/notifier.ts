import type { Notification, Recipient } from '../../domain/notifications/notification.ts';

/** Where a delivered message landed, so it can be edited later. */
export interface DeliveredMessage {
  channel: string;
  ts: string;
}

export interface OutgoingMessage {
  outboxId: number;
  recipient: Recipient;
  notification: Notification;
  /** For an update: the message to edit. */
  original?: DeliveredMessage;
}

/**
 * The port every chat adapter implements (Slack now, DingTalk later). It
 * renders the notification in the reader's language and sends it.
 */
export interface Notifier {
  deliver(message: OutgoingMessage): Promise<DeliveredMessage>;
}

/** A notifier that only records: for the CLI when no chat platform is configured, and for tests. */
export class RecordingNotifier implements Notifier {
  readonly sent: OutgoingMessage[] = [];
  async deliver(message: OutgoingMessage): Promise<DeliveredMessage> {
    this.sent.push(message);
    return { channel: message.recipient.type === 'user' ? `D-${message.recipient.userId}` : 'C-recorded', ts: `${Date.now()}.${this.sent.length}` };
  }
}
