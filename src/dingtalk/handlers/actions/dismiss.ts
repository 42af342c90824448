import { caseRef } from '../../render/words.ts';
import { tr } from '../../../messages/inline.ts';
import { dismissReport } from '../../../service/cases/staff-steps.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, cardText, type Click } from './click.ts';

/** Dismiss a partner's report (R-SCREEN) with the reason typed in the card: the reporter is told it, the reported partner nothing. */
export async function dismissAction(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const r = await dismissReport(deps.cases, { key: c.key, actor: c.actor, caseId: buttonValue(caseIdSchema, c), reason: cardText(c, 'reason') ?? cardText(c, 'text') ?? '' });
  return cardDone(tr(c.f.t, 'dismiss.done', { caseId: caseRef(r.caseId) }));
}
