import { replyToNotice } from '../../../service/cases/partner-replies.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { EVIDENCE_BLOCKS } from '../../views/modals/evidence-inputs.ts';
import { caseOfView } from '../shared/metadata.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';
import { evidenceOf } from '../shared/evidence.ts';

/** The dispute modal submitted (R-REPLY): reasons and proof, or an inline error saying what is missing. */
export const disputeSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: async () =>
      replyToNotice(ctx.cases, {
        key: submissionKey(view),
        actor: actorOf(userId),
        caseId: caseOfView(view.private_metadata),
        kind: 'dispute',
        text: form.text('text', INPUTS.text),
        evidence: evidenceOf(form),
      }),
    fields: { text: 'text', evidence: EVIDENCE_BLOCKS.links },
    present: presentBlocks(view),
    fallbackBlock: 'text',
    done: (r, f) => ({ title: f.t('dispute.doneTitle'), text: f.t('dispute.done', { caseId: r.caseId }) }),
    where: { view: view.callback_id, userId },
  });
};
