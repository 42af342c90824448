import type { NotificationAction } from '../../../messages/notifications/document.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { REPORT_SUBMIT } from '../report-card.ts';
import type { Click } from './click.ts';
import { ANSWER_SUBMIT } from '../forms/answer-form.ts';
import { COMPLAINT_ANSWER_SUBMIT } from '../forms/complaint-answer-form.ts';
import { DETERMINE_SUBMIT } from '../forms/determine-form.ts';
import { answerOpen } from './answer-open.ts';
import { answerSubmit } from './answer-submit.ts';
import { complaintAnswerOpen } from './complaint-answer-open.ts';
import { complaintAnswerSubmit } from './complaint-answer-submit.ts';
import { determinationApprove } from './determination-approve.ts';
import { determinationReject } from './determination-reject.ts';
import { determineOpen } from './determine-open.ts';
import { determineSubmit } from './determine-submit.ts';
import { dismissAction } from './dismiss.ts';
import { noticeSend } from './notice-send.ts';
import { objectAction } from './object.ts';
import { replyAccept } from './reply-accept.ts';
import { replyDispute } from './reply-dispute.ts';
import { reportSubmit } from './report-submit.ts';

export type CardHandler = (deps: DingTalkHandlerDeps, c: Click) => Promise<CardAnswer>;

/**
 * Every action a notification document names (NotificationAction), the
 * same use case as its Slack button; the card's button carries the name as
 * its actionId. The `satisfies` makes a new action name a compile error here.
 */
export const NOTIFICATION_ACTIONS = {
  replyAccept,
  replyDispute,
  objectOpen: objectAction,
  determinationApprove,
  determinationReject,
  noticeSend,
  dismissOpen: dismissAction,
  determineOpen,
  answerOpen,
  complaintAnswerOpen,
} satisfies Record<NotificationAction, CardHandler>;

/** The forms' submit buttons: the report card's, and the staff forms a notification button opens on its card. */
export const CARD_ACTIONS: Record<string, CardHandler> = {
  ...NOTIFICATION_ACTIONS,
  [REPORT_SUBMIT]: reportSubmit,
  [DETERMINE_SUBMIT]: determineSubmit,
  [ANSWER_SUBMIT]: answerSubmit,
  [COMPLAINT_ANSWER_SUBMIT]: complaintAnswerSubmit,
};
