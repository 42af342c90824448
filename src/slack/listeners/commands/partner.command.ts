import { partnerStanding } from '../../../service/rules/partner-standing.ts';
import { actorOf, fmtFor, rulesOf } from '../../slack-context.ts';
import { standingReply } from '../../render/views/standing.ts';
import { parsePartnerCommand } from '../shared/parse.ts';
import { answerPrivately, replyPrivately, textReply } from '../shared/reply.ts';
import type { CommandArgs, Make } from '../shared/types.ts';

/** `/partner status PARTNER`: standing for staff, and for the partner's own contacts. */
export const partnerCommand: Make<CommandArgs> = (ctx) => async ({ ack, command, client, respond }) => {
  await ack();
  const f = await fmtFor(ctx, command.user_id);
  const to = { client, userId: command.user_id, respond, responseUrl: command.response_url };
  const parsed = parsePartnerCommand(command.text ?? '');
  if (parsed.sub === 'usage') return replyPrivately(ctx, to, textReply(f.t('usage.status')));
  await answerPrivately(ctx, to, f, { command: command.command, userId: command.user_id }, async () => {
    // Who may see it is the service's business (staff, and the partner's own contacts).
    return standingReply(f, ctx.cases.policies, await partnerStanding(rulesOf(ctx), { partnerId: parsed.partnerId, viewer: actorOf(command.user_id) }));
  });
};
