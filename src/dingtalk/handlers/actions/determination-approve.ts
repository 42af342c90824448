import { caseRef } from '../../render/words.ts';
import { formatCny } from '../../../messages/amount.ts';
import { tr } from '../../../messages/inline.ts';
import { decideDetermination } from '../../../service/cases/decide-determination.ts';
import { determinationIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, cardRefused, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, type Click } from './click.ts';

/**
 * Approve on the approvals-group card (R-DETERMINE). The proposer, a
 * non-approver and a second approver are refused by the use case (only the
 * clicker sees why); the approval is of exactly the stored figure: when the
 * engine now decides differently it is refused and the approver sees both.
 */
export async function determinationApprove(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const determinationId = buttonValue(determinationIdSchema, c);
  const r = await decideDetermination(deps.cases, { key: c.key, actor: c.actor, determinationId, approve: true });
  const { t, locale } = c.f;
  if (r.superseded) {
    return cardRefused(tr(t, 'approve.superseded', { id: r.determinationId, caseId: caseRef(r.caseId), from: formatCny(r.superseded.proposed.amount, locale), to: formatCny(r.superseded.rejudged.amount, locale) }));
  }
  return cardDone(tr(t, 'approve.done', { id: r.determinationId, caseId: caseRef(r.caseId) }), { decidedBy: r.decidedBy.replace(/^dingtalk:/, ''), decision: 'approved' });
}

