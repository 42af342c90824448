import type { App } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.ts';
import type { HomeOpenedArgs, Make } from '../shared/types.ts';
import { appHomeOpened } from './app-home-opened.ts';

/** Events API subscriptions; manifest.yml's bot_events lists each. */
export const eventListeners = {
  app_home_opened: appHomeOpened,
} satisfies Record<string, Make<HomeOpenedArgs>>;

export function register(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', eventListeners.app_home_opened(ctx));
}
