import { caseIdSchema } from '../../../service/input/chat-input.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { formAnswer } from '../forms/card-form.ts';
import { answerFormVars } from '../forms/answer-form.ts';
import { buttonValue, type Click } from './click.ts';

/** Answer an objection (staff, R-NOTICE), from the objection card: the answer form in the clicker's view of the card; refused as on Slack. */
export async function answerOpen(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  return formAnswer('answerForm', await answerFormVars(deps, c.userId, c.f, buttonValue(caseIdSchema, c)));
}
