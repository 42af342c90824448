import { partnersComplainingAs } from '../../../service/complaints/complaint-queries.ts';
import { complaintModal } from '../../render/modals/complaint-modal.ts';
import type { PrivateReply } from '../../render/views/blocks.ts';
import type { Fmt } from '../../render/views/format.ts';
import { actorOf, type SlackContext } from '../../slack-context.ts';
import { textReply, type SlackClient } from '../shared/reply.ts';

/**
 * `/partner complaint` (R-COMPLAINT): the same test as fileComplaint's before
 * the modal opens (staff and strangers are told at once, privately); a
 * contact of several partners gets a picker of those partners.
 */
export async function partnerComplaint(ctx: SlackContext, o: { client: SlackClient; userId: string; triggerId: string; f: Fmt }): Promise<PrivateReply | undefined> {
  const who = await partnersComplainingAs(ctx.cases.db, actorOf(o.userId));
  if (who.partners.length === 0) return textReply(o.f.t(who.staff ? 'complaint.staffOnly' : 'complaint.partnersOnly'));
  await o.client.views.open({ trigger_id: o.triggerId, view: complaintModal(o.f, who.partners) });
  return undefined;
}
