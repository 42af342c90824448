import { proposeDetermination } from '../../../service/cases/propose-determination.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { proposalDone, submissionKey, submitForm } from '../forms/card-form.ts';
import { DETERMINE_FIELDS, DETERMINE_SUBMIT, determineFormOf, determineFormVars } from '../forms/determine-form.ts';
import { buttonValue, type Click } from './click.ts';

/** The determination form submitted: the same use case as Slack's view submission, a proposal for a second person's approval (R-DETERMINE). */
export async function determineSubmit(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const caseId = buttonValue(caseIdSchema, c);
  const form = determineFormOf(c.params);
  return submitForm(
    deps,
    c,
    { status: 'determineForm', fields: DETERMINE_FIELDS, action: DETERMINE_SUBMIT, done: (r) => proposalDone(c.f.t, 'determine.done', r), vars: () => determineFormVars(deps, c.userId, c.f, caseId) },
    () => proposeDetermination(deps.cases, { key: submissionKey('determine', c, { caseId, ...form }), actor: c.actor, caseId, ...form }),
  );
}
