import { partnerStanding } from '../../../service/rules/partner-standing.ts';
import { requestAsAdmin } from '../../../service/requests/partner-request.ts';
import { actorOf, fmtFor, rulesOf } from '../../slack-context.ts';
import { requestReply } from '../../render/views/request.ts';
import { standingReply } from '../../render/views/standing.ts';
import { parsePartnerCommand } from '../shared/parse.ts';
import { answerPrivately, replyPrivately, textReply } from '../shared/reply.ts';
import type { CommandArgs, Make } from '../shared/types.ts';
import { partnerComplaint } from './partner-complaint.ts';
import { partnerExit } from './partner-exit.ts';

/**
 * `/partner status PARTNER`: standing for staff, and for the partner's own contacts.
 * `/partner request KIND PARTNER DATE [CATEGORY|PROGRAM]`: an admin asks for the partner (R-RESTRICT, R-LATE).
 * `/partner complaint`: a partner's contact complains about the vendor in a modal (R-COMPLAINT); anyone else is told privately why not.
 * `/partner exit PARTNER [apply]`: an admin checks a partner's exit, or records its voluntary application (R-EXIT-*).
 */
export const partnerCommand: Make<CommandArgs> = (ctx) => async ({ ack, command, client, respond }) => {
  await ack();
  const f = await fmtFor(ctx, command.user_id);
  const to = { client, userId: command.user_id, respond, responseUrl: command.response_url };
  const parsed = parsePartnerCommand(command.text ?? '');
  if (parsed.sub === 'usage') return replyPrivately(ctx, to, textReply(f.t(parsed.of ? `usage.${parsed.of}` : 'usage.status')));
  await answerPrivately(ctx, to, f, { command: command.command, userId: command.user_id }, async () => {
    const opener = { client, userId: command.user_id, triggerId: command.trigger_id, f };
    if (parsed.sub === 'complaint') return partnerComplaint(ctx, opener);
    if (parsed.sub === 'exit') return partnerExit(ctx, opener, parsed);
    if (parsed.sub === 'request') {
      // Who may ask (admins), and whether it is granted, are the service's business.
      const subject = parsed.kind === 'program' ? { program: parsed.subject } : { category: parsed.subject };
      return requestReply(f, await requestAsAdmin(rulesOf(ctx), { kind: parsed.kind, partnerId: parsed.partnerId, on: parsed.on, ...subject, actor: actorOf(command.user_id) }));
    }
    // Who may see it is the service's business (staff, and the partner's own contacts).
    return standingReply(f, ctx.cases.policies, await partnerStanding(rulesOf(ctx), { partnerId: parsed.partnerId, viewer: actorOf(command.user_id) }));
  });
};
