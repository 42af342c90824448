import { answerPrivately } from '../../shared/reply.ts';
import { openReportModal } from '../../shared/open-modals.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation report`: the report modal (partner, catalog item, date, facts, evidence). */
export const reportSubcommand: Subcommand<'report'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    await openReportModal({ ctx: req.ctx, client: req.client, triggerId: req.command.trigger_id, userId: req.command.user_id, f: req.f });
    return undefined;
  });
