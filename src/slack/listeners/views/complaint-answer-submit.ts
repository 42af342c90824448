import { answerComplaint } from '../../../service/complaints/answer-complaint.ts';
import { INPUTS } from '../../action-ids.ts';
import { COMPLAINT_ANSWER_BLOCK } from '../../render/modals/complaint-answer-modal.ts';
import { modalSubmission } from '../shared/submission.ts';

/**
 * The complaint's answer submitted (R-COMPLAINT): the same use case as `cli
 * complaints answer`, keyed by the view; a complaint answered meanwhile (by
 * anyone, any surface) is an inline `complaint.closed` and nothing changes.
 */
export const complaintAnswerSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) => answerComplaint(ctx.cases, { key, actor, complaintId: metadata, answer: form.text(COMPLAINT_ANSWER_BLOCK, INPUTS.text) }),
  fields: { answer: COMPLAINT_ANSWER_BLOCK },
  fallbackBlock: COMPLAINT_ANSWER_BLOCK,
  done: (r, f) => ({ title: f.t('complaint.answeredTitle'), text: f.t('complaint.answered', { complaintId: r.complaintId, late: r.late ? f.t('complaint.answeredLate') : '' }) }),
});
