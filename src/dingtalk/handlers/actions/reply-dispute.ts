import { caseRef } from '../../render/words.ts';
import { tr } from '../../../messages/inline.ts';
import { replyToNotice } from '../../../service/cases/partner-replies.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, cardEvidence, cardText, type Click } from './click.ts';

/** Dispute on the card (R-REPLY): the card's text box and evidence links; what is missing is the use case's to say. */
export async function replyDispute(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const caseId = buttonValue(caseIdSchema, c);
  await replyToNotice(deps.cases, { key: c.key, actor: c.actor, caseId, kind: 'dispute', text: cardText(c, 'text'), evidence: cardEvidence(c) });
  return cardDone(tr(c.f.t, 'dispute.done', { caseId: caseRef(caseId) }));
}
