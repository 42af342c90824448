import { caseListPage } from '../../shared/list.ts';
import { answerPrivately } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation list [open|mine|PARTNER]`: a page of cases this person may see. */
export const listSubcommand: Subcommand<'list'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), () => caseListPage(req.ctx, req.f, req.command.user_id, req.parsed.filter, req.parsed.page));
