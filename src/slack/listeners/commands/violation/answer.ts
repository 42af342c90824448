import { openAnswerModal } from '../../shared/open-modals.ts';
import { answerPrivately } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation answer CASE`: the objection-answer modal (R-NOTICE). */
export const answerSubcommand: Subcommand<'answer'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    await openAnswerModal({ ctx: req.ctx, client: req.client, triggerId: req.command.trigger_id, userId: req.command.user_id, f: req.f }, req.parsed.caseId);
    return undefined;
  });
