import { decideDetermination, type DecideResult } from '../../../service/cases/decide-determination.ts';
import { decisionComparison } from '../../../messages/notifications/decision-parts.ts';
import { renderBlocks } from '../../render/render-document.ts';
import { formatCny } from '../../../messages/amount.ts';
import { escapeMrkdwn } from '../../render/mrkdwn.ts';
import { section, type PrivateReply } from '../../render/views/blocks.ts';
import type { Fmt } from '../../render/views/format.ts';
import { actorOf } from '../../slack-context.ts';
import { clickOf } from '../shared/button.ts';
import { publishHome } from '../shared/home.ts';
import { buttonValue, determinationIdSchema } from '../shared/parse.ts';
import { answerPrivately, textReply } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/**
 * Approve in the approvals channel (R-DETERMINE). The proposer, a
 * non-approver and a second approver are refused by the use case and told
 * privately; the channel message is updated in place through the outbox.
 * When the engine now decides differently, the approval is refused and the
 * approver sees what was proposed beside what it decides now.
 */
export const determinationApproveAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    const determinationId = buttonValue(determinationIdSchema, args.action.value);
    const r = await decideDetermination(ctx.cases, { key: c.key, actor: actorOf(c.userId), determinationId, approve: true });
    if (c.fromHome) await publishHome(ctx, args.client, c.userId);
    if (r.superseded) return supersededReply(c.f, r, r.superseded);
    return textReply(c.f.t('approve.done', { id: r.determinationId, caseId: r.caseId }));
  });
};

function supersededReply(f: Fmt, r: DecideResult, s: NonNullable<DecideResult['superseded']>): PrivateReply {
  const text = f.t('approve.superseded', {
    id: r.determinationId, caseId: escapeMrkdwn(r.caseId), from: formatCny(s.proposed.amount, f.locale), to: formatCny(s.rejudged.amount, f.locale),
  });
  return { text, blocks: [section(text), ...renderBlocks(decisionComparison(s.proposed, s.rejudged, s.changes, f.locale, f.t))] };
}
