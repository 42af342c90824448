import type { DingTalkCommand } from '../../command-parser.ts';
import type { DingTalkHandlerDeps, Fmt } from '../context.ts';
import { replyPrivately } from '../reply.ts';
import { trustedMarkdown } from '../../render/to-markdown.ts';

type Help = Extract<DingTalkCommand, { kind: 'help' }>;

/** `帮助`/`help`, and anything not understood: the help (or the one command's usage), privately. */
export async function helpCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt, cmd: Help): Promise<void> {
  await replyPrivately(deps, userId, f.t('dingtalk.help.title'), helpMarkdown(f, cmd));
}

export function helpMarkdown(f: Fmt, cmd: Pick<Help, 'reason' | 'command'>): string {
  const { t } = f;
  if ((cmd.reason === 'missing-argument' || cmd.reason === 'bad-argument') && cmd.command) {
    const lead = t(cmd.reason === 'missing-argument' ? 'dingtalk.help.missingArgument' : 'dingtalk.help.badArgument');
    return trustedMarkdown(`${lead}\n${t(`dingtalk.usage.${cmd.command}`)}`);
  }
  const intro = t(cmd.reason === 'unknown' ? 'dingtalk.help.unknown' : 'dingtalk.help.intro');
  const lines = ['report', 'list', 'show', 'status', 'complaint', 'language', 'help'].map((k) => t(`dingtalk.help.${k}`));
  return trustedMarkdown([`*${t('dingtalk.help.title')}*`, intro, '', ...lines, '', t('dingtalk.help.buttons')].join('\n'));
}
