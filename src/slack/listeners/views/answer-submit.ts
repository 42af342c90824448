import { proposeObjectionAnswer } from '../../../service/cases/propose-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { ANSWER_BLOCKS } from '../../views/modals/answer-modal.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';
import { caseOfView } from '../shared/metadata.ts';

/** The objection-answer modal submitted (R-NOTICE): upheld, or adjusted (another item, or withdrawn). */
export const answerSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  const adjusted = form.selected(ANSWER_BLOCKS.outcome, INPUTS.outcome) === 'adjusted';
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: async () =>
      proposeObjectionAnswer(ctx.cases, {
        key: submissionKey(view),
        actor: actorOf(userId),
        caseId: caseOfView(view.private_metadata),
        outcome: adjusted ? 'adjusted' : 'upheld',
        reasons: form.text(ANSWER_BLOCKS.reasons, INPUTS.reasons),
        ...(adjusted
          ? {
              established: !form.checked(ANSWER_BLOCKS.established, INPUTS.established).includes('not_established'),
              itemId: form.selected(ANSWER_BLOCKS.item, INPUTS.item),
              terminate: form.checked(ANSWER_BLOCKS.terminate, INPUTS.terminate).includes('terminate'),
            }
          : {}),
      }),
    fields: { reasons: ANSWER_BLOCKS.reasons, item: ANSWER_BLOCKS.item, terminate: ANSWER_BLOCKS.terminate },
    present: presentBlocks(view),
    fallbackBlock: ANSWER_BLOCKS.reasons,
    done: (r, f) => ({ title: f.t('answer.doneTitle'), text: f.t('answer.done', { id: r.determinationId, caseId: r.caseId }) }),
    where: { view: view.callback_id, userId },
  });
};
