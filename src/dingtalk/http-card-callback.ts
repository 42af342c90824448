import { createHash } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { DingTalkInbound } from './inbound.ts';
import { TOPIC_CARD } from './stream-client.ts';

/**
 * A card click or form submit in HTTP callback mode (DINGTALK_MODE=http):
 * DingTalk POSTs `{type: "actionCallback", outTrackId, corpId, userId,
 * content: "{\"cardPrivateData\":{\"actionIds\":[…],\"params\":{…}}}"}` to
 * the URL registered for the card's `callbackRouteKey`, and takes the card
 * update in the response body (`{cardData: …, userPrivateData: …}`), as the
 * Stream ack carries it. The signature was checked by the caller.
 */

/** DingTalk waits 2 s for the answer; past this budget the callback is answered empty and the work goes on. */
export const HTTP_CARD_ANSWER_WITHIN_MS = 1500;

export function isCardCallback(data: unknown): data is { outTrackId: string; userId: string; content?: string; value?: string } {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return typeof d.outTrackId === 'string' && typeof d.userId === 'string' && (typeof d.content === 'string' || typeof d.value === 'string' || d.type === 'actionCallback');
}

/**
 * An HTTP callback carries no delivery id (Stream's `messageId`): the click
 * is named by what it is, the card, the person and what they sent, so the
 * same callback delivered again (a retry, a replay) is handled once.
 */
export function cardDeliveryId(data: { outTrackId: string; userId: string; content?: string; value?: string }): string {
  const hash = createHash('sha256').update(JSON.stringify([data.outTrackId, data.userId, data.content ?? data.value ?? ''])).digest('hex').slice(0, 32);
  return `http.${hash}`;
}

export async function answerCardCallback(
  data: { outTrackId: string; userId: string; content?: string; value?: string },
  deps: { inbound: DingTalkInbound; logger?: Logger; answerWithinMs?: number },
): Promise<unknown> {
  const deliveryId = cardDeliveryId(data);
  const handled = deps.inbound.handle(TOPIC_CARD, data, deliveryId);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deps.answerWithinMs ?? HTTP_CARD_ANSWER_WITHIN_MS);
  });
  try {
    const answer = await Promise.race([handled, late]);
    if (answer !== 'late') return answer ?? {};
    // Answered empty in time; a failure after that is logged (the claim is released, a retry is handled again).
    handled.catch((e: unknown) => deps.logger?.error('DingTalk card callback failed after its answer', { outTrackId: data.outTrackId, error: e instanceof Error ? e.message : String(e) }));
    return {};
  } finally {
    clearTimeout(timer);
  }
}
