import { partnerStanding } from '../../../service/rules/partner-standing.ts';
import { requestAsAdmin } from '../../../service/requests/partner-request.ts';
import { registryEntryForAdmin, requireRegistryAdmin } from '../../../service/registry/registry-entry.ts';
import { contractModal } from '../../render/modals/contract-modal.ts';
import { partnerModal } from '../../render/modals/partner-modal.ts';
import { programModal } from '../../render/modals/program-modal.ts';
import type { Actor } from '../../../service/access/actor.ts';
import { actorOf, fmtFor, rulesOf, type SlackContext } from '../../slack-context.ts';
import type { ModalView } from '../../render/views/blocks.ts';
import type { Fmt } from '../../render/views/format.ts';
import { requestReply } from '../../render/views/request.ts';
import { standingReply } from '../../render/views/standing.ts';
import { parsePartnerCommand, type PartnerCommand } from '../shared/parse.ts';
import { answerPrivately, replyPrivately, textReply } from '../shared/reply.ts';
import type { CommandArgs, Make } from '../shared/types.ts';
import { partnerComplaint } from './partner-complaint.ts';
import { partnerExit } from './partner-exit.ts';

/**
 * `/partner status PARTNER`: standing for staff, and for the partner's own contacts.
 * `/partner request KIND PARTNER DATE [CATEGORY|PROGRAM]`: an admin asks for the partner (R-RESTRICT, R-LATE).
 * `/partner complaint`: a partner's contact complains about the vendor in a modal (R-COMPLAINT); anyone else is told privately why not.
 * `/partner exit PARTNER [apply]`: an admin checks a partner's exit, or records its voluntary application (R-EXIT-*).
 * `/partner add`, `/partner edit|program PARTNER`, `/partner contract PARTNER [new]`: an admin changes the registry in a modal (R-CAT, issue 11);
 * anyone else is told privately and no modal opens.
 */
export const partnerCommand: Make<CommandArgs> = (ctx) => async ({ ack, command, client, respond }) => {
  await ack();
  const f = await fmtFor(ctx, command.user_id);
  const to = { client, userId: command.user_id, respond, responseUrl: command.response_url };
  const parsed = parsePartnerCommand(command.text ?? '');
  if (parsed.sub === 'usage') return replyPrivately(ctx, to, textReply(f.t(`usage.${parsed.of ?? 'status'}`)));
  await answerPrivately(ctx, to, f, { command: command.command, userId: command.user_id }, async () => {
    const opener = { client, userId: command.user_id, triggerId: command.trigger_id, f };
    if (parsed.sub === 'complaint') return partnerComplaint(ctx, opener);
    if (parsed.sub === 'exit') return partnerExit(ctx, opener, parsed);
    if (parsed.sub === 'add' || parsed.sub === 'edit' || parsed.sub === 'contract' || parsed.sub === 'program') {
      await client.views.open({ trigger_id: command.trigger_id, view: await registryModal(ctx, f, actorOf(command.user_id), parsed) });
      return undefined;
    }
    if (parsed.sub === 'request') {
      // Who may ask (admins), and whether it is granted, are the service's business.
      const subject = parsed.kind === 'program' ? { program: parsed.subject } : { category: parsed.subject };
      return requestReply(f, await requestAsAdmin(rulesOf(ctx), { kind: parsed.kind, partnerId: parsed.partnerId, on: parsed.on, ...subject, actor: actorOf(command.user_id) }));
    }
    // Who may see it is the service's business (staff, and the partner's own contacts).
    return standingReply(f, ctx.cases.policies, await partnerStanding(rulesOf(ctx), { partnerId: parsed.partnerId, viewer: actorOf(command.user_id) }));
  });
};

/**
 * The modal an admin's registry subcommand opens (R-CAT, issue 11). The admin
 * check runs before it opens (a refusal is a private answer, no modal) and
 * again on submission, in the use case.
 */
async function registryModal(ctx: SlackContext, f: Fmt, actor: Actor, parsed: Extract<PartnerCommand, { sub: 'add' | 'edit' | 'contract' | 'program' }>): Promise<ModalView> {
  if (parsed.sub === 'add') {
    await requireRegistryAdmin(ctx.cases.db, actor);
    return partnerModal(f);
  }
  const entry = await registryEntryForAdmin(ctx.cases.db, actor, parsed.partnerId);
  if (parsed.sub === 'contract') return contractModal(f, entry, parsed.fresh);
  return parsed.sub === 'program' ? programModal(f, entry) : partnerModal(f, entry);
}
