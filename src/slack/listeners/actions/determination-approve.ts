import { decideDetermination } from '../../../service/cases/decide-determination.ts';
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
 */
export const determinationApproveAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    const determinationId = buttonValue(determinationIdSchema, args.action.value);
    const r = await decideDetermination(ctx.cases, { key: c.key, actor: actorOf(c.userId), determinationId, approve: true });
    if (c.fromHome) await publishHome(ctx, args.client, c.userId);
    return textReply(c.f.t('approve.done', { id: r.determinationId, caseId: r.caseId }));
  });
};
