import type { Notification, NotificationKind } from '../../domain/notifications/notification.ts';
import type { Locale } from '../../messages/i18n.ts';
import type { RenderedMessage } from './blocks.ts';

/** The notification of one kind, e.g. `NotificationOf<'payment_due'>`. */
export type NotificationOf<K extends NotificationKind> = Extract<Notification, { kind: K }>;

/**
 * A renderer: pure, from the notification and the reader's language to a
 * message. `now` is only for wording relative to the present ("waiting 26 h").
 */
export type Renderer<K extends NotificationKind> = (n: NotificationOf<K>, locale: Locale, now?: Date) => RenderedMessage;
