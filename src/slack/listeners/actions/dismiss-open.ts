import { clickOf } from '../shared/button.ts';
import { openDismissModal } from '../shared/open-modals.ts';
import { buttonValue, caseIdSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Dismiss (staff, on a partner's report): a modal asks the reason told to the reporter (R-SCREEN). */
export const dismissOpenAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openDismissModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f }, buttonValue(caseIdSchema, args.action.value));
    return undefined;
  });
};
