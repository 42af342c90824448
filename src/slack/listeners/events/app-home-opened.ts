import { publishHome } from '../shared/home.ts';
import type { HomeOpenedArgs, Make } from '../shared/types.ts';

/** App Home: staff see their queue, partner contacts their cases and standing (views.publish). */
export const appHomeOpened: Make<HomeOpenedArgs> = (ctx) => async ({ event, client, context }) => {
  // Slack always names who opened it; without a user id there is no one to show anything to.
  if (event.tab !== 'home' || typeof event.user !== 'string' || event.user === '') return;
  try {
    await publishHome(ctx, client, event.user);
  } catch (e) {
    ctx.logger.error('could not publish App Home', { userId: event.user, retryNum: context.retryNum, error: e instanceof Error ? e.message : String(e) });
  }
};
