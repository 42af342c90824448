import { caseIdSchema } from '../../../service/input/chat-input.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { formAnswer } from '../forms/card-form.ts';
import { determineFormVars } from '../forms/determine-form.ts';
import { buttonValue, type Click } from './click.ts';

/**
 * Determine (staff, R-DETERMINE), from the reply-recorded card: answered at
 * once with the determination form in the clicker's view of the card. Who
 * lacks the role, or a case not at this step, is refused as on Slack
 * (the same domain checks; the caller shows it to the clicker only).
 */
export async function determineOpen(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  return formAnswer('determineForm', await determineFormVars(deps, c.userId, c.f, buttonValue(caseIdSchema, c)));
}
