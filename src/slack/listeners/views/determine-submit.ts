import { proposeDetermination } from '../../../service/cases/propose-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { DETERMINE_BLOCKS } from '../../render/modals/determine-modal.ts';
import { caseOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The determination modal submitted: a proposal for a second person's approval (R-DETERMINE). */
export const determineSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) =>
    proposeDetermination(ctx.cases, {
      key,
      actor,
      caseId: caseOfView(metadata),
      established: form.selected(DETERMINE_BLOCKS.established, INPUTS.established) !== 'no',
      terminate: form.checked(DETERMINE_BLOCKS.terminate, INPUTS.terminate).includes('terminate'),
      reasons: form.text(DETERMINE_BLOCKS.reasons, INPUTS.reasons),
    }),
  fields: { reasons: DETERMINE_BLOCKS.reasons, terminate: DETERMINE_BLOCKS.terminate },
  fallbackBlock: DETERMINE_BLOCKS.reasons,
  done: (r, f) => ({ title: f.t('determine.doneTitle'), text: f.t('determine.done', { id: r.determinationId, caseId: r.caseId }) }),
});
