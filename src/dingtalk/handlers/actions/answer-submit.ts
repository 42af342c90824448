import { proposeObjectionAnswer } from '../../../service/cases/propose-determination.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { ANSWER_FIELDS, ANSWER_SUBMIT, answerFormOf, answerFormVars } from '../forms/answer-form.ts';
import { proposalDone, submissionKey, submitForm } from '../forms/card-form.ts';
import { buttonValue, type Click } from './click.ts';

/** The objection-answer form submitted: the same use case as Slack's view submission, upheld or adjusted, for a second person's approval (R-NOTICE). */
export async function answerSubmit(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const caseId = buttonValue(caseIdSchema, c);
  const form = answerFormOf(c.params);
  return submitForm(
    deps,
    c,
    { status: 'answerForm', fields: ANSWER_FIELDS, action: ANSWER_SUBMIT, done: (r) => proposalDone(c.f.t, 'answer.done', r), vars: () => answerFormVars(deps, c.userId, c.f, caseId) },
    () => proposeObjectionAnswer(deps.cases, { key: submissionKey('answer', c, { caseId, ...form }), actor: c.actor, caseId, ...form }),
  );
}
