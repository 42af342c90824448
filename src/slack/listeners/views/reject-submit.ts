import { decideDetermination } from '../../../service/cases/decide-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { determinationOfView } from '../shared/metadata.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';

/** The reject modal submitted: the determination is rejected with the reason given (or none). */
export const rejectSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: async () =>
      decideDetermination(ctx.cases, { key: submissionKey(view), actor: actorOf(userId), determinationId: determinationOfView(view.private_metadata), approve: false, note: form.text('reasons', INPUTS.reasons) }),
    fields: {},
    present: presentBlocks(view),
    fallbackBlock: 'reasons',
    done: (r, f) => ({ title: f.t('reject.doneTitle'), text: f.t('reject.done', { id: r.determinationId, caseId: r.caseId }) }),
    where: { view: view.callback_id, userId },
  });
};
