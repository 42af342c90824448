import { exitCheckAsAdmin } from '../../../service/exits/exit-as-admin.ts';
import { exitCheckReply } from '../../render/views/exit-check.ts';
import type { Fmt } from '../../render/views/format.ts';
import { actorOf, type SlackContext } from '../../slack-context.ts';
import { openExitApplyModal } from '../shared/open-exit-modal.ts';
import type { PrivateReply } from '../../render/views/blocks.ts';
import type { SlackClient } from '../shared/reply.ts';

/**
 * `/partner exit PARTNER`: what `cli exit check` would do for the partner
 * today (R-EXIT-*), read only. `/partner exit PARTNER apply`: the voluntary
 * exit application form. Admins only; who may is the service's check.
 */
export async function partnerExit(
  ctx: SlackContext,
  o: { client: SlackClient; userId: string; triggerId: string; f: Fmt },
  p: { partnerId: string; apply: boolean },
): Promise<PrivateReply | undefined> {
  if (p.apply) {
    await openExitApplyModal({ ctx, client: o.client, triggerId: o.triggerId, userId: o.userId, f: o.f }, p.partnerId);
    return undefined;
  }
  return exitCheckReply(o.f, await exitCheckAsAdmin(ctx.cases, { actor: actorOf(o.userId), partnerId: p.partnerId }));
}
