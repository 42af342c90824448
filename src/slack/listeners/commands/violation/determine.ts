import { openDetermineModal } from '../../shared/open-modals.ts';
import { answerPrivately } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation determine CASE`: the determination modal (R-DETERMINE). */
export const determineSubcommand: Subcommand<'determine'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    await openDetermineModal({ ctx: req.ctx, client: req.client, triggerId: req.command.trigger_id, userId: req.command.user_id, f: req.f }, req.parsed.caseId);
    return undefined;
  });
