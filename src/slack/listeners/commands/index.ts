import type { App } from '@slack/bolt';
import { COMMANDS } from '../../action-ids.ts';
import type { SlackContext } from '../../slack-context.ts';
import type { CommandArgs, Make } from '../shared/types.ts';
import { partnerCommand } from './partner.command.ts';
import { violationCommand } from './violation.command.ts';

/** Every slash command the app answers; manifest.yml declares each (test/slack/manifest.test.ts). */
export const commandListeners: Record<string, Make<CommandArgs>> = {
  [COMMANDS.violation]: violationCommand,
  [COMMANDS.partner]: partnerCommand,
};

export function register(app: App, ctx: SlackContext): void {
  for (const [name, make] of Object.entries(commandListeners)) app.command(name, make(ctx));
}
