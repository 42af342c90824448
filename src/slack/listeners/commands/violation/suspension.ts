import { liftSuspension, suspendIncentives } from '../../../../service/cases/suspension.ts';
import { actorOf } from '../../../slack-context.ts';
import { formatDateTime } from '../../../render/format.ts';
import { answerPrivately, textReply } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation suspend CASE`: staff hold the partner's incentive payouts (R-SUSPEND, after the notice). The trigger id makes a retry act once. */
export const suspendSubcommand: Subcommand<'suspend'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    const r = await suspendIncentives(req.ctx.cases, { key: `slack:command:${req.command.trigger_id}`, actor: actorOf(req.command.user_id), caseId: req.parsed.caseId });
    return textReply(req.f.t(r.changed ? 'suspension.done' : 'suspension.already', { caseId: r.caseId, since: formatDateTime(r.since, req.f.locale) }));
  });

/** `/violation lift CASE`: staff lift the suspension by hand (R-SUSPEND); the partner is told. */
export const liftSubcommand: Subcommand<'lift'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    const r = await liftSuspension(req.ctx.cases, { key: `slack:command:${req.command.trigger_id}`, actor: actorOf(req.command.user_id), caseId: req.parsed.caseId });
    return textReply(req.f.t(r.changed ? 'suspension.lifted' : 'suspension.notSuspended', { caseId: r.caseId }));
  });
