import { clickOf } from '../shared/button.ts';
import { openReportModal } from '../shared/open-modals.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Report a violation, from App Home: the same modal as `/violation report`. */
export const reportOpenAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await openReportModal({ ctx, client: args.client, triggerId: args.body.trigger_id, userId: c.userId, f: c.f });
    return undefined;
  });
};
