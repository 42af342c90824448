import { isStaff, loadAccess } from '../../../../service/access/actor.ts';
import { caseDetail } from '../../../../service/cases/case-queries.ts';
import { actorOf } from '../../../slack-context.ts';
import { caseDetailReply } from '../../../render/views/case-detail.ts';
import { answerPrivately } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation show CASE`: everything on record, with the next step's buttons. */
export const showSubcommand: Subcommand<'show'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    const access = await loadAccess(req.ctx.cases.db, actorOf(req.command.user_id));
    const detail = await caseDetail(req.ctx.cases.db, access, req.parsed.caseId);
    const viewer = isStaff(access) ? 'staff' : access.partnerIds.includes(detail.case.partnerId) ? 'contact' : 'other';
    return caseDetailReply(req.f, { detail, policies: req.ctx.cases.policies, viewer });
  });
