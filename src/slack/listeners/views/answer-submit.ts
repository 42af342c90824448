import { proposeObjectionAnswer } from '../../../service/cases/propose-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { ANSWER_BLOCKS } from '../../render/modals/answer-modal.ts';
import { caseOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The objection-answer modal submitted (R-NOTICE): upheld, or adjusted (another item, or withdrawn). */
export const answerSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) => {
    const adjusted = form.selected(ANSWER_BLOCKS.outcome, INPUTS.outcome) === 'adjusted';
    return proposeObjectionAnswer(ctx.cases, {
      key,
      actor,
      caseId: caseOfView(metadata),
      outcome: adjusted ? 'adjusted' : 'upheld',
      reasons: form.text(ANSWER_BLOCKS.reasons, INPUTS.reasons),
      ...(adjusted
        ? {
            established: !form.checked(ANSWER_BLOCKS.established, INPUTS.established).includes('not_established'),
            itemId: form.selected(ANSWER_BLOCKS.item, INPUTS.item),
            terminate: form.checked(ANSWER_BLOCKS.terminate, INPUTS.terminate).includes('terminate'),
          }
        : {}),
    });
  },
  fields: { reasons: ANSWER_BLOCKS.reasons, item: ANSWER_BLOCKS.item, terminate: ANSWER_BLOCKS.terminate },
  fallbackBlock: ANSWER_BLOCKS.reasons,
  done: (r, f) => ({ title: f.t('answer.doneTitle'), text: f.t('answer.done', { id: r.determinationId, caseId: r.caseId }) }),
});
