import { clickOf } from '../shared/button.ts';
import { openExitApplyModal } from '../shared/open-exit-modal.ts';
import { buttonValue, exitPartnerSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** R-EXIT-VOLUNTARY: the button on `/partner exit`'s reply opens the application form (admin). */
export const exitApplyOpenAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openExitApplyModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f }, buttonValue(exitPartnerSchema, args.action.value));
    return undefined;
  });
};
