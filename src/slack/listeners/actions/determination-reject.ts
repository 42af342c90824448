import { clickOf } from '../shared/button.ts';
import { openRejectModal } from '../shared/open-modals.ts';
import { buttonValue, determinationIdSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Reject in the approvals channel: a modal asks a short reason (optional); the decision is taken on submission. */
export const determinationRejectAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openRejectModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f }, buttonValue(determinationIdSchema, args.action.value));
    return undefined;
  });
};
