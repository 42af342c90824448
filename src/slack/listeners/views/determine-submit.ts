import { proposeDetermination } from '../../../service/cases/propose-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { DETERMINE_BLOCKS } from '../../views/modals/determine-modal.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';
import { caseOfView } from '../shared/metadata.ts';

/** The determination modal submitted: a proposal for a second person's approval (R-DETERMINE). */
export const determineSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: async () =>
      proposeDetermination(ctx.cases, {
        key: submissionKey(view),
        actor: actorOf(userId),
        caseId: caseOfView(view.private_metadata),
        established: form.selected(DETERMINE_BLOCKS.established, INPUTS.established) !== 'no',
        terminate: form.checked(DETERMINE_BLOCKS.terminate, INPUTS.terminate).includes('terminate'),
        reasons: form.text(DETERMINE_BLOCKS.reasons, INPUTS.reasons),
      }),
    fields: { reasons: DETERMINE_BLOCKS.reasons, terminate: DETERMINE_BLOCKS.terminate },
    present: presentBlocks(view),
    fallbackBlock: DETERMINE_BLOCKS.reasons,
    done: (r, f) => ({ title: f.t('determine.doneTitle'), text: f.t('determine.done', { id: r.determinationId, caseId: r.caseId }) }),
    where: { view: view.callback_id, userId },
  });
};
