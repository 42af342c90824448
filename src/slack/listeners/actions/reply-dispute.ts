import { clickOf } from '../shared/button.ts';
import { openDisputeModal } from '../shared/open-modals.ts';
import { buttonValue, caseIdSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Dispute on the suspected-violation DM: the dispute modal (reasons + evidence). */
export const replyDisputeAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openDisputeModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f }, buttonValue(caseIdSchema, args.action.value));
    return undefined;
  });
};
