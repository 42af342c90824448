import type { DingTalkHandlerDeps, Fmt } from '../context.ts';
import { replyPrivately } from '../reply.ts';
import { trustedMarkdown } from '../../render/to-markdown.ts';

/** `语言 …`: the wire layer has stored the choice (inbound.ts); confirm it in the language chosen. */
export async function languageCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt): Promise<void> {
  await replyPrivately(deps, userId, f.t('dingtalk.help.title'), trustedMarkdown(f.t('dingtalk.language.set')));
}
