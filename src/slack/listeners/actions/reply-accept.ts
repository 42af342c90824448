import { replyToNotice } from '../../../service/cases/partner-replies.ts';
import { actorOf } from '../../slack-context.ts';
import { clickOf } from '../shared/button.ts';
import { publishHome } from '../shared/home.ts';
import { buttonValue, caseIdSchema } from '../shared/parse.ts';
import { answerPrivately, textReply } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** Accept on the suspected-violation DM (R-REPLY); only the partner's contacts may, anyone else is told privately. */
export const replyAcceptAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    const caseId = buttonValue(caseIdSchema, args.action.value);
    await replyToNotice(ctx.cases, { key: c.key, actor: actorOf(c.userId), caseId, kind: 'accept' });
    if (c.fromHome) await publishHome(ctx, args.client, c.userId);
    return textReply(c.f.t('accept.done', { caseId }));
  });
};
