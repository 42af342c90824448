import { caseRef } from '../../render/words.ts';
import { tr } from '../../../messages/inline.ts';
import { decideDetermination } from '../../../service/cases/decide-determination.ts';
import { determinationIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, cardText, type Click } from './click.ts';

/** Reject on the approvals-group card, with the reason typed in the card (or none), as Slack's reject modal. */
export async function determinationReject(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const determinationId = buttonValue(determinationIdSchema, c);
  const r = await decideDetermination(deps.cases, { key: c.key, actor: c.actor, determinationId, approve: false, note: cardText(c, 'reason') ?? cardText(c, 'text') });
  return cardDone(tr(c.f.t, 'reject.done', { id: r.determinationId, caseId: caseRef(r.caseId) }), { decidedBy: r.decidedBy.replace(/^dingtalk:/, ''), decision: 'rejected' });
}
