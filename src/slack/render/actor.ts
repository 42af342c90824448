import type { Translate } from '../../messages/i18n.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * Who did something, from an actor key: `slack:U123` → `<@U123>`, a mention
 * we build ourselves from a checked id; `system` (or `system:job`) → the
 * system; null → nobody; anything else (`cli:ops`, an imported name) is shown
 * as escaped text, so a key can never ping or link.
 */
export function formatActor(actorKey: string | null, t: Translate): string {
  if (actorKey === null) return t('notification.common.nobody');
  const slack = /^slack:([UW][A-Z0-9]{2,})$/.exec(actorKey);
  if (slack) return `<@${slack[1]}>`;
  if (actorKey === 'system' || actorKey.startsWith('system:')) return t('notification.common.system');
  return escapeMrkdwn(actorKey);
}
