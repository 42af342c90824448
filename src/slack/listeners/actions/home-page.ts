import { clickOf } from '../shared/button.ts';
import { publishHome } from '../shared/home.ts';
import { pageSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** App Home's previous / next page. */
export const homePageAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    await publishHome(ctx, args.client, c.userId, pageSchema.parse(args.action.value));
    return undefined;
  });
};
