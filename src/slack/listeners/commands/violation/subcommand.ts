import type { SlackContext } from '../../../slack-context.ts';
import type { Fmt } from '../../../render/views/format.ts';
import type { ViolationCommand } from '../../shared/parse.ts';
import type { ReplyTarget } from '../../shared/reply.ts';
import type { CommandArgs } from '../../shared/types.ts';

/** What each `/violation` subcommand handler gets, after the ack. */
export interface SubcommandRequest<C extends ViolationCommand = ViolationCommand> {
  ctx: SlackContext;
  f: Fmt;
  to: ReplyTarget;
  command: CommandArgs['command'];
  client: CommandArgs['client'];
  parsed: C;
}

export type Subcommand<S extends ViolationCommand['sub']> = (req: SubcommandRequest<Extract<ViolationCommand, { sub: S }>>) => Promise<void>;

export const where = (req: SubcommandRequest) => ({ command: req.command.command, sub: req.parsed.sub, userId: req.command.user_id });
