import { DomainError } from '../../../domain/errors.ts';
import { exitCheckAsAdmin } from '../../../service/exits/exit-as-admin.ts';
import { exitApplyModal } from '../../render/modals/exit-apply-modal.ts';
import { actorOf } from '../../slack-context.ts';
import type { Opener } from './open-modals.ts';

/**
 * R-EXIT-VOLUNTARY: the exit-application form, for an admin, for a partner
 * still a partner; anyone else is refused before it opens (the use case
 * checks the same again on submission).
 */
export async function openExitApplyModal(o: Opener, partnerId: string): Promise<void> {
  const check = await exitCheckAsAdmin(o.ctx.cases, { actor: actorOf(o.userId), partnerId });
  if (check.exited) throw new DomainError('exit.already_exited', `Partner ${partnerId} has already exited.`);
  await o.client.views.open({ trigger_id: o.triggerId, view: exitApplyModal(o.f, { partnerId, partnerName: check.partnerName, today: check.on }) });
}
