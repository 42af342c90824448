import { EMOJI } from '../../../messages/inline.ts';
import type { DingTalkHandlerDeps, Fmt } from '../context.ts';
import { dingtalkUserMessage } from '../errors.ts';
import { replyPrivately } from '../reply.ts';
import { reportCardParams } from '../report-card.ts';
import { toMarkdown, trustedMarkdown } from '../../render/to-markdown.ts';

/**
 * `违规 上报`/`violation report`: the report form as a card in the person's
 * DM with the robot. Refused at once (privately) for whoever may not report
 * (R-EVIDENCE); the use case checks again on submission.
 */
export async function reportCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt, msgId: string): Promise<void> {
  const title = f.t('dingtalk.report.cardTitle');
  if (deps.reportCardTemplateId === null) return replyPrivately(deps, userId, title, trustedMarkdown(f.t('dingtalk.report.notConfigured')));
  let params: Record<string, string>;
  try {
    // The one recipient's card is `<base>.1` (DingTalkRobotApi.createAndDeliverCards): the H5 picker's link names it.
    params = await reportCardParams(deps, userId, f, `report.${msgId}.1`);
  } catch (e) {
    return replyPrivately(deps, userId, title, `${EMOJI.warning} ${toMarkdown(dingtalkUserMessage(e, f, deps.logger, { command: 'report', userId }).text)}`);
  }
  try {
    await deps.robot.createAndDeliverCards({
      cardTemplateId: deps.reportCardTemplateId,
      // One card per command message: its outTrackId names the submission it will carry back.
      outTrackIdBase: `report.${msgId}`,
      recipients: [{ userId }],
      cardParamMap: params,
      callbackType: deps.callbackType,
    });
  } catch (e) {
    deps.logger.error('could not deliver the DingTalk report card', { userId, error: e instanceof Error ? e.message : String(e) });
    await replyPrivately(deps, userId, title, `${EMOJI.warning} ${toMarkdown(dingtalkUserMessage(e, f, deps.logger, { command: 'report', userId }).text)}`);
  }
}
