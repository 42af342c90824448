import { sendNotice } from '../../../../service/cases/staff-steps.ts';
import { actorOf } from '../../../slack-context.ts';
import { formatDateTime } from '../../../render/format.ts';
import { answerPrivately, textReply } from '../../shared/reply.ts';
import { where, type Subcommand } from './subcommand.ts';

/** `/violation notice CASE`: staff send the notice of a partner's report (R-REPLY). The trigger id makes a retry act once. */
export const noticeSubcommand: Subcommand<'notice'> = (req) =>
  answerPrivately(req.ctx, req.to, req.f, where(req), async () => {
    const r = await sendNotice(req.ctx.cases, { key: `slack:command:${req.command.trigger_id}`, actor: actorOf(req.command.user_id), caseId: req.parsed.caseId });
    return textReply(req.f.t('notice.done', { caseId: r.caseId, due: formatDateTime(r.replyDue, req.f.locale) }));
  });
