import { sendNotice } from '../../../service/cases/staff-steps.ts';
import { actorOf } from '../../slack-context.ts';
import { formatDateTime } from '../../render/format.ts';
import { clickOf } from '../shared/button.ts';
import { publishHome } from '../shared/home.ts';
import { buttonValue, caseIdSchema } from '../shared/parse.ts';
import { answerPrivately, textReply } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Send notice (staff): a partner's report, vetted, is now told to the reported partner (R-REPLY). */
export const noticeSendAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    const r = await sendNotice(ctx.cases, { key: c.key, actor: actorOf(c.userId), caseId: buttonValue(caseIdSchema, args.action.value) });
    if (c.fromHome) await publishHome(ctx, args.client, c.userId);
    return textReply(c.f.t('notice.done', { caseId: r.caseId, due: formatDateTime(r.replyDue, c.f.locale) }));
  });
};
