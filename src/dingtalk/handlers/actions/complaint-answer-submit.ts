import { isDomainError } from '../../../domain/errors.ts';
import { tr } from '../../../messages/inline.ts';
import type { Actor } from '../../../service/access/actor.ts';
import { answerComplaint } from '../../../service/complaints/answer-complaint.ts';
import { complaintToAnswer } from '../../../service/complaints/complaint-to-answer.ts';
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
    async () => {
      await existsForAnswering(deps, c.actor, complaintId);
      return answerComplaint(deps.cases, { key: submissionKey('complaintAnswer', c, { complaintId, answer }), actor: c.actor, complaintId, answer });
    },
  );
}

/**
 * The opener's checks first, so a forged submit hears what the button says:
 * to anyone not staff (the filing partner's contacts too) the complaint does
 * not exist, and an empty answer from them shows no form
 * (complaintExistsForAnswering). An answered one goes on to the use case:
 * the same submission again gets its first result, any other `complaint.closed`.
 */
async function existsForAnswering(deps: DingTalkHandlerDeps, actor: Actor, complaintId: string): Promise<void> {
  try {
    await complaintToAnswer(deps.cases.db, actor, complaintId);
  } catch (e) {
    if (isDomainError(e) && e.code === 'complaint.closed') return;
    throw e;
  }
}
