import { fmtFor, type SlackContext } from '../../slack-context.ts';
import type { Fmt } from '../../render/views/format.ts';
import type { ReplyTarget } from './reply.ts';
import type { ButtonArgs } from './types.ts';

/** What every button listener needs after its ack: who clicked, their language, where to answer. */
export interface Click {
  userId: string;
  f: Fmt;
  to: ReplyTarget;
  /** The idempotency key of this click: a double click is two clicks, each acting at most once. */
  key: string;
  /** Clicked in App Home: refresh it after a change. */
  fromHome: boolean;
  where: Record<string, unknown>;
}

export async function clickOf(ctx: SlackContext, args: ButtonArgs): Promise<Click> {
  const { body, action, client, respond } = args;
  const userId = body.user.id;
  return {
    userId,
    f: await fmtFor(ctx, userId),
    to: { client, userId, respond, responseUrl: body.response_url },
    key: `slack:action:${userId}:${action.action_ts}`,
    fromHome: body.view?.type === 'home',
    where: { action: action.action_id, userId, value: action.value },
  };
}
