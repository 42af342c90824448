import type { Notification } from '../../domain/notifications/notification.ts';
import type { Locale } from '../../messages/i18n.ts';
import { composeNotification } from '../../messages/notifications/compose-notification.ts';
import type { RenderedMessage } from './blocks.ts';
import { renderDocument } from './render-document.ts';

/**
 * Any outbox notification as a Slack message in the reader's language: what
 * it says comes from src/messages/notifications (the same document DingTalk
 * renders), Block Kit from render-document.ts.
 */
export function renderNotification(n: Notification, locale: Locale, now?: Date): RenderedMessage {
  return renderDocument(composeNotification(n, locale, now));
}
