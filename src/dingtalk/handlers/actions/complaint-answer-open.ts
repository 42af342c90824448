import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { formAnswer } from '../forms/card-form.ts';
import { complaintAnswerFormVars, complaintIdSchema } from '../forms/complaint-answer-form.ts';
import { buttonValue, type Click } from './click.ts';

/**
 * A complaint's Answer button (R-COMPLAINT) on the approvals group's card:
 * the answer form in the clicker's own view of the card. Refused as Slack's
 * button refuses: not staff, the complaint does not exist; staff without the
 * officer role are told which role; an answered one is closed.
 */
export async function complaintAnswerOpen(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  return formAnswer('complaintAnswerForm', await complaintAnswerFormVars(deps, c.userId, c.f, buttonValue(complaintIdSchema, c)));
}
