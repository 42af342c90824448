import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../action-ids.ts';
import type { SlackContext } from '../../slack-context.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';
import { answerOpenAction } from './answer-open.ts';
import { complaintAnswerOpenAction } from './complaint-answer-open.ts';
import { exitApplyOpenAction } from './exit-apply-open.ts';
import { determinationApproveAction } from './determination-approve.ts';
import { determinationRejectAction } from './determination-reject.ts';
import { determineOpenAction } from './determine-open.ts';
import { dismissOpenAction } from './dismiss-open.ts';
import { homePageAction } from './home-page.ts';
import { listPageAction } from './list-page.ts';
import { noticeSendAction } from './notice-send.ts';
import { objectOpenAction } from './object-open.ts';
import { replyAcceptAction } from './reply-accept.ts';
import { replyDisputeAction } from './reply-dispute.ts';
import { reportOpenAction } from './report-open.ts';

/** Every button the app renders, by action id (src/slack/action-ids.ts); each is acked first. */
export const actionListeners: Record<(typeof ACTIONS)[keyof typeof ACTIONS], Make<ButtonArgs>> = {
  [ACTIONS.replyAccept]: replyAcceptAction,
  [ACTIONS.replyDispute]: replyDisputeAction,
  [ACTIONS.objectOpen]: objectOpenAction,
  [ACTIONS.determinationApprove]: determinationApproveAction,
  [ACTIONS.determinationReject]: determinationRejectAction,
  [ACTIONS.determineOpen]: determineOpenAction,
  [ACTIONS.answerOpen]: answerOpenAction,
  [ACTIONS.noticeSend]: noticeSendAction,
  [ACTIONS.dismissOpen]: dismissOpenAction,
  [ACTIONS.reportOpen]: reportOpenAction,
  [ACTIONS.homePage]: homePageAction,
  [ACTIONS.homePagePrev]: homePageAction,
  [ACTIONS.listPage]: listPageAction,
  [ACTIONS.listPagePrev]: listPageAction,
  [ACTIONS.complaintAnswerOpen]: complaintAnswerOpenAction,
  [ACTIONS.exitApplyOpen]: exitApplyOpenAction,
};

export function register(app: App, ctx: SlackContext): void {
  for (const [actionId, make] of Object.entries(actionListeners)) app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, make(ctx));
}
