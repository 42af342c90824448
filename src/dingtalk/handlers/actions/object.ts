import { caseRef } from '../../render/words.ts';
import { tr } from '../../../messages/inline.ts';
import { objectToNotice } from '../../../service/cases/partner-replies.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, cardEvidence, cardText, type Click } from './click.ts';

/** Object on the processing-notice card (R-NOTICE): grounds (the card's text box) inside the window. */
export async function objectAction(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const caseId = buttonValue(caseIdSchema, c);
  await objectToNotice(deps.cases, { key: c.key, actor: c.actor, caseId, grounds: cardText(c, 'grounds') ?? cardText(c, 'text') ?? '', evidence: cardEvidence(c) });
  return cardDone(tr(c.f.t, 'objection.done', { caseId: caseRef(caseId) }));
}
