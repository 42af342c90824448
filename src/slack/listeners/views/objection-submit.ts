import { objectToNotice } from '../../../service/cases/partner-replies.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { EVIDENCE_BLOCKS } from '../../views/modals/evidence-inputs.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';
import { caseOfView } from '../shared/metadata.ts';
import { evidenceOf } from '../shared/evidence.ts';

/** The objection modal submitted (R-NOTICE): grounds, inside the window. */
export const objectionSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: async () =>
      objectToNotice(ctx.cases, {
        key: submissionKey(view),
        actor: actorOf(userId),
        caseId: caseOfView(view.private_metadata),
        grounds: form.text('grounds', INPUTS.text),
        evidence: evidenceOf(form),
      }),
    fields: { grounds: 'grounds', evidence: EVIDENCE_BLOCKS.links },
    present: presentBlocks(view),
    fallbackBlock: 'grounds',
    done: (r, f) => ({ title: f.t('objection.doneTitle'), text: f.t('objection.done', { caseId: r.caseId }) }),
    where: { view: view.callback_id, userId },
  });
};
