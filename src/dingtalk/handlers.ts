import type { Db } from '../db/database.ts';
import { dingtalkLocaleOf } from '../db/repositories/dingtalk.repository.ts';
import type { Logger } from '../logger.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import type { Clock } from '../service/clock.ts';
import type { InboundHandlers } from './inbound.ts';
import { dingtalkWords } from './notifier/words.ts';
import type { DingTalkRobotApi } from './robot-api.ts';

export interface DingTalkHandlerDeps {
  db: Db;
  clock: Clock;
  /** The use cases' dependencies, as the Slack listeners get them. */
  cases: CaseDeps;
  robot: DingTalkRobotApi;
  logger: Logger;
}

/**
 * What the bot does with each inbound DingTalk command and card click
 * (issue 12). The one place start-up (src/bot.ts) takes them from; for now
 * every command is answered with the help text and a card click only acked.
 * The inbound glue replaces this body with the use cases.
 */
export function dingtalkHandlers(deps: DingTalkHandlerDeps): InboundHandlers {
  return {
    async onCommand(cmd) {
      const stored = await dingtalkLocaleOf(deps.db, cmd.userId);
      // No stored choice yet (the default zh-CN): answer in the language the command was typed in.
      const locale = stored === 'zh-CN' && 'typedIn' in cmd.command ? cmd.command.typedIn : stored;
      const result = await deps.robot.sendToUsers([cmd.userId], { msgKey: 'sampleMarkdown', msgParam: { title: 'help', text: dingtalkWords(locale).help } });
      if (result.invalid.length > 0 || result.notDelivered.length > 0) deps.logger.warn('DingTalk help reply not delivered', { userId: cmd.userId });
    },
    async onCardAction(action) {
      deps.logger.info('DingTalk card action not handled yet', { outTrackId: action.outTrackId, actionIds: action.actionIds });
      return undefined;
    },
  };
}
