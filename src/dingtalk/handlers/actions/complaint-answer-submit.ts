import { tr } from '../../../messages/inline.ts';
import { answerComplaint } from '../../../service/complaints/answer-complaint.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { submissionKey, submitForm } from '../forms/card-form.ts';
import { COMPLAINT_ANSWER_FIELDS, COMPLAINT_ANSWER_SUBMIT, complaintAnswerFormVars, complaintAnswerOf, complaintIdSchema } from '../forms/complaint-answer-form.ts';
import { buttonValue, type Click } from './click.ts';

/**
 * The complaint-answer form submitted (R-COMPLAINT): the same use case as
 * Slack's view submission, keyed by the card, the person and the answer (a
 * double press or a re-push answers once). An empty answer comes back under
 * its field; a complaint answered meanwhile is `complaint.closed`, nothing
 * changed. The card is done for everyone: the complaint is answered.
 */
export async function complaintAnswerSubmit(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const complaintId = buttonValue(complaintIdSchema, c);
  const answer = complaintAnswerOf(c.params);
  return submitForm(
    deps,
    c,
    {
      status: 'complaintAnswerForm',
      fields: COMPLAINT_ANSWER_FIELDS,
      action: COMPLAINT_ANSWER_SUBMIT,
      fixKey: 'dingtalk.form.answerFixErrors',
      vars: () => complaintAnswerFormVars(deps, c.userId, c.f, complaintId),
      done: (r) => ({ message: tr(c.f.t, 'complaint.answered', { complaintId: r.complaintId, late: r.late ? c.f.t('complaint.answeredLate') : '' }), vars: { complaintId: r.complaintId } }),
    },
    () => answerComplaint(deps.cases, { key: submissionKey('complaintAnswer', c, { complaintId, answer }), actor: c.actor, complaintId, answer }),
  );
}

