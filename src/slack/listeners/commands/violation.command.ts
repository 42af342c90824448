import { fmtFor } from '../../slack-context.ts';
import { parseViolationCommand, type ViolationCommand } from '../shared/parse.ts';
import type { CommandArgs, Make } from '../shared/types.ts';
import { answerSubcommand } from './violation/answer.ts';
import { determineSubcommand } from './violation/determine.ts';
import { dismissSubcommand } from './violation/dismiss.ts';
import { exportSubcommand } from './violation/export.ts';
import { helpSubcommand, unknownSubcommand, usageSubcommand } from './violation/help.ts';
import { listSubcommand } from './violation/list.ts';
import { noticeSubcommand } from './violation/notice.ts';
import { reportSubcommand } from './violation/report.ts';
import { showSubcommand } from './violation/show.ts';
import { liftSubcommand, suspendSubcommand } from './violation/suspension.ts';
import type { SubcommandRequest } from './violation/subcommand.ts';

type Handlers = { [S in ViolationCommand['sub']]: (req: SubcommandRequest<Extract<ViolationCommand, { sub: S }>>) => Promise<void> };

const subcommands: Handlers = {
  report: reportSubcommand,
  list: listSubcommand,
  show: showSubcommand,
  determine: determineSubcommand,
  answer: answerSubcommand,
  notice: noticeSubcommand,
  dismiss: dismissSubcommand,
  suspend: suspendSubcommand,
  lift: liftSubcommand,
  export: exportSubcommand,
  help: helpSubcommand,
  unknown: unknownSubcommand,
  usage: usageSubcommand,
};

/** `/violation …`: ack at once, then the subcommand; every answer is private (ephemeral via respond). */
export const violationCommand: Make<CommandArgs> = (ctx) => async ({ ack, command, client, respond }) => {
  await ack();
  const parsed = parseViolationCommand(command.text ?? '');
  const f = await fmtFor(ctx, command.user_id);
  const to = { client, userId: command.user_id, respond, responseUrl: command.response_url };
  const handler = subcommands[parsed.sub] as (req: SubcommandRequest) => Promise<void>;
  await handler({ ctx, f, to, command, client, parsed });
};
