import type { Translate } from '../../messages/i18n.ts';
import { formatActor as actorPart } from '../../messages/format.ts';
import { toMrkdwn } from './inline-mrkdwn.ts';

/**
 * Who did something, from an actor key, in mrkdwn: `slack:U123` → `<@U123>`,
 * a mention we build ourselves from a checked id; `system` (or `system:job`)
 * → the system; null → nobody; anything else (`cli:ops`, an imported name)
 * is shown as escaped text, so a key can never ping or link. The words are
 * src/messages/format.ts's; the mention is render/inline-mrkdwn.ts's.
 */
export function formatActor(actorKey: string | null, t: Translate): string {
  return toMrkdwn(actorPart(actorKey, t));
}
