import { openDismissModal } from '../../shared/open-modals.ts';
import { answerPrivately } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation dismiss CASE`: the modal that dismisses a partner's report with a reason (R-SCREEN). */
export const dismissSubcommand: Subcommand<'dismiss'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    await openDismissModal({ ctx: req.ctx, client: req.client, triggerId: req.command.trigger_id, userId: req.command.user_id, f: req.f }, req.parsed.caseId);
    return undefined;
  });
