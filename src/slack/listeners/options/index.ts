import type { App } from '@slack/bolt';
import { INPUTS } from '../../action-ids.ts';
import type { SlackContext } from '../../slack-context.ts';
import type { Make, SuggestionArgs } from '../shared/types.ts';
import { partnerOptions } from './partner-options.ts';

/** external_select menus, by action id; manifest.yml's message_menu_options_url points Slack here. */
export const optionsListeners: Record<string, Make<SuggestionArgs>> = {
  [INPUTS.partner]: partnerOptions,
};

export function register(app: App, ctx: SlackContext): void {
  for (const [actionId, make] of Object.entries(optionsListeners)) app.options<'block_suggestion'>({ type: 'block_suggestion', action_id: actionId }, make(ctx));
}
