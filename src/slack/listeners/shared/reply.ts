import type { AllMiddlewareArgs, RespondFn } from '@slack/bolt';
import type { SlackContext } from '../../slack-context.ts';
import { userMessage } from '../../errors.ts';
import { section, type PrivateReply } from '../../render/views/blocks.ts';
import type { Fmt } from '../../render/views/format.ts';

export type SlackClient = AllMiddlewareArgs['client'];

/** Who gets a private answer, and how: the payload's response_url when there is one, else a DM. */
export interface ReplyTarget {
  client: SlackClient;
  userId: string;
  respond?: RespondFn;
  /** Commands and message buttons carry a response_url; App Home buttons and modals do not. */
  responseUrl?: string;
}

export function textReply(text: string): PrivateReply {
  return { text, blocks: [section(text)] };
}

/**
 * Ephemeral through response_url (only the clicker sees it); from App Home
 * or a modal, a DM from the bot instead. A failure is logged, never thrown:
 * the person's action itself has already happened or been refused.
 */
export async function replyPrivately(ctx: SlackContext, to: ReplyTarget, reply: PrivateReply, opts: { replaceOriginal?: boolean } = {}): Promise<void> {
  if (to.respond && to.responseUrl) {
    try {
      await to.respond({ response_type: 'ephemeral', replace_original: opts.replaceOriginal ?? false, text: reply.text, blocks: reply.blocks });
      return;
    } catch (e) {
      ctx.logger.warn('response_url failed; answering by DM', { userId: to.userId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  try {
    await to.client.chat.postMessage({ channel: to.userId, text: reply.text, blocks: reply.blocks });
  } catch (e) {
    ctx.logger.error('could not answer privately', { userId: to.userId, error: e instanceof Error ? e.message : String(e) });
  }
}

/** An error as a private message in the reader's language (unknown errors: an apology with a reference, logged). */
export async function replyError(ctx: SlackContext, to: ReplyTarget, f: Fmt, e: unknown, where: Record<string, unknown>): Promise<void> {
  const m = userMessage(e, f, ctx.logger, where);
  await replyPrivately(ctx, to, textReply(`:warning: ${m.text}`));
}

/** Runs the work after ack; any error reaches the person privately, never as silence. */
export async function answerPrivately(ctx: SlackContext, to: ReplyTarget, f: Fmt, where: Record<string, unknown>, work: () => Promise<PrivateReply | undefined>): Promise<void> {
  try {
    const reply = await work();
    if (reply) await replyPrivately(ctx, to, reply);
  } catch (e) {
    await replyError(ctx, to, f, e, where);
  }
}
