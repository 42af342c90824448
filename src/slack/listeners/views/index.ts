import type { App, ViewSubmitAction } from '@slack/bolt';
import { VIEWS } from '../../action-ids.ts';
import type { SlackContext } from '../../slack-context.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { answerSubmit } from './answer-submit.ts';
import { determineSubmit } from './determine-submit.ts';
import { disputeSubmit } from './dispute-submit.ts';
import { complaintSubmit } from './complaint-submit.ts';
import { complaintAnswerSubmit } from './complaint-answer-submit.ts';
import { exitApplySubmit } from './exit-apply-submit.ts';
import { dismissSubmit } from './dismiss-submit.ts';
import { objectionSubmit } from './objection-submit.ts';
import { rejectSubmit } from './reject-submit.ts';
import { reportSubmit } from './report-submit.ts';
import { contractSubmit } from './contract-submit.ts';
import { partnerSubmit } from './partner-submit.ts';
import { programSubmit } from './program-submit.ts';

/** Every modal's submission, by callback id (src/slack/action-ids.ts VIEWS). */
export const viewListeners: Record<(typeof VIEWS)[keyof typeof VIEWS], Make<SubmitArgs>> = {
  [VIEWS.report]: reportSubmit,
  [VIEWS.dispute]: disputeSubmit,
  [VIEWS.objection]: objectionSubmit,
  [VIEWS.determine]: determineSubmit,
  [VIEWS.answer]: answerSubmit,
  [VIEWS.reject]: rejectSubmit,
  [VIEWS.dismiss]: dismissSubmit,
  [VIEWS.complaint]: complaintSubmit,
  [VIEWS.complaintAnswer]: complaintAnswerSubmit,
  [VIEWS.exitApply]: exitApplySubmit,
  [VIEWS.partner]: partnerSubmit,
  [VIEWS.contract]: contractSubmit,
  [VIEWS.program]: programSubmit,
};

export function register(app: App, ctx: SlackContext): void {
  for (const [callbackId, make] of Object.entries(viewListeners)) app.view<ViewSubmitAction>({ callback_id: callbackId, type: 'view_submission' }, make(ctx));
}
