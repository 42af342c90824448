import type { Inline } from '../../messages/inline.ts';
import { toPlain } from '../render/to-markdown.ts';

/**
 * What a card click is answered with, inside DingTalk's 2 s, in the
 * callback's ack (no API call): `cardData` changes the card for everyone who
 * sees it (the step is done), `userPrivateData` only for the clicker (a
 * refusal in the approvals group is nobody else's business). Card variables
 * are plain strings: `status` (done|refused|error) and `message`.
 */
export interface CardAnswer {
  cardData?: { cardParamMap: Record<string, string> };
  userPrivateData?: { cardParamMap: Record<string, string> };
}

export function cardDone(text: Inline, more: Record<string, string> = {}): CardAnswer {
  return { cardData: { cardParamMap: { status: 'done', message: toPlain(text), ...more } } };
}

export function cardRefused(text: Inline): CardAnswer {
  return { userPrivateData: { cardParamMap: { status: 'refused', message: toPlain(text) } } };
}
