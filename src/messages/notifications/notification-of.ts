import type { Notification, NotificationKind } from '../../domain/notifications/notification.ts';
import type { Locale } from '../i18n.ts';
import type { NotificationDocument } from './document.ts';

/** The notification of one kind, e.g. `NotificationOf<'payment_due'>`. */
export type NotificationOf<K extends NotificationKind> = Extract<Notification, { kind: K }>;

/**
 * What a notification says: pure, from the notification and the reader's
 * language to a chat-neutral document each adapter renders in its own way.
 * `now` is only for wording relative to the present ("waiting 26 h").
 */
export type Composer<K extends NotificationKind> = (n: NotificationOf<K>, locale: Locale, now?: Date) => NotificationDocument;
