import type { DingTalkHandlerDeps, Fmt } from './context.ts';
import { dingtalkUserMessage } from './errors.ts';
import { toMarkdown } from '../render/to-markdown.ts';
import { EMOJI } from '../../messages/inline.ts';

/**
 * A private answer to the person who typed a command: a robot DM
 * (oToMessages/batchSend), whether they typed in the DM or in a group, so
 * what they may see is never shown to the group. A failure to send is
 * logged, never thrown: the command itself has happened or been refused.
 */
export async function replyPrivately(deps: DingTalkHandlerDeps, userId: string, title: string, markdown: string): Promise<void> {
  try {
    const r = await deps.robot.sendToUsers([userId], { msgKey: 'sampleMarkdown', msgParam: { title, text: markdown } });
    if (r.invalid.length > 0 || r.notDelivered.length > 0) deps.logger.warn('DingTalk answer not delivered', { userId, ...r });
  } catch (e) {
    deps.logger.error('could not answer on DingTalk', { userId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Runs the work; its markdown answer, or the error in words, reaches the person privately, never silence. */
export async function answerPrivately(deps: DingTalkHandlerDeps, userId: string, f: Fmt, where: Record<string, unknown>, work: () => Promise<{ title: string; markdown: string }>): Promise<void> {
  let answer: { title: string; markdown: string };
  try {
    answer = await work();
  } catch (e) {
    const m = dingtalkUserMessage(e, f, deps.logger, where);
    answer = { title: f.t('dingtalk.help.title'), markdown: `${EMOJI.warning} ${toMarkdown(m.text)}` };
  }
  await replyPrivately(deps, userId, answer.title, answer.markdown);
}
