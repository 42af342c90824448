import { complaintToAnswer } from '../../../service/complaints/complaint-to-answer.ts';
import { complaintAnswerModal } from '../../render/modals/complaint-answer-modal.ts';
import { actorOf } from '../../slack-context.ts';
import { clickOf } from '../shared/button.ts';
import { buttonValue, complaintIdSchema } from '../shared/parse.ts';
import { answerPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/**
 * R-COMPLAINT: "Answer" on the approvals message opens the answer form for
 * staff with the officer role. Anyone else is told privately, and not staff
 * hear the same as for a complaint that was never filed.
 */
export const complaintAnswerOpenAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  await answerPrivately(ctx, c.to, c.f, c.where, async () => {
    const complaint = await complaintToAnswer(ctx.cases.db, actorOf(c.userId), buttonValue(complaintIdSchema, args.action.value));
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: complaintAnswerModal(c.f, complaint) });
    return undefined;
  });
};
