import { caseRef } from '../../render/words.ts';
import { tr } from '../../../messages/inline.ts';
import { replyToNotice } from '../../../service/cases/partner-replies.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, type Click } from './click.ts';

/** Accept on the suspected-violation card (R-REPLY); only the partner's contacts may (the use case's check). */
export async function replyAccept(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const caseId = buttonValue(caseIdSchema, c);
  await replyToNotice(deps.cases, { key: c.key, actor: c.actor, caseId, kind: 'accept' });
  return cardDone(tr(c.f.t, 'accept.done', { caseId: caseRef(caseId) }));
}
