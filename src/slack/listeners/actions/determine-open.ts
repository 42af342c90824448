import { clickOf } from '../shared/button.ts';
import { openDetermineModal } from '../shared/open-modals.ts';
import { buttonValue, caseIdSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Determine (staff, from a case or App Home): the determination modal. */
export const determineOpenAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openDetermineModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f }, buttonValue(caseIdSchema, args.action.value));
    return undefined;
  });
};
