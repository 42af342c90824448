// The outbound side of a DingTalk test bot, for real: the outbox delivers
// through the real DingTalk notifier to the bot's fake DingTalk, and notes
// each message it delivered (Slack's side recorded apart).
import { dingtalkLocaleOf } from '../../../src/db/repositories/dingtalk.repository.ts';
import { DingTalkNotifier } from '../../../src/dingtalk/notifier/dingtalk-notifier.ts';
import { DingTalkOpenApi } from '../../../src/dingtalk/openapi-client.ts';
import { DingTalkRobotApi } from '../../../src/dingtalk/robot-api.ts';
import { deliverPending } from '../../../src/service/outbox/deliver.ts';
import { RecordingNotifier, type ChatNotifiers, type Notifier, type OutgoingMessage } from '../../../src/service/outbox/notifier.ts';
import type { DingTalkBot } from './dingtalk-bot.ts';

export const CONVERSATIONS = { approvals: 'cidApprovals==', notices: 'cidNotices==' };

export interface RealOutbound {
  notifiers: ChatNotifiers;
  /** Delivers every pending outbox row through `notifiers`. */
  deliver(): Promise<unknown>;
  /** `kind → userId` for a DM, `kind → #approvals|#notices` for a group message, `kind → update #id` for an edit, in order. */
  delivered(): string[];
}

export function realOutbound(bot: DingTalkBot): RealOutbound {
  const api = new DingTalkOpenApi({ baseUrl: bot.fake.url, clientId: bot.fake.clientId, clientSecret: bot.fake.clientSecret });
  const real = new DingTalkNotifier({
    robot: new DingTalkRobotApi(api, 'dingrobot', { flowControlDelayMs: 10 }),
    conversations: CONVERSATIONS,
    cardTemplateId: 'tpl.generic',
    callbackType: 'STREAM',
    localeOf: (userId) => dingtalkLocaleOf(bot.w.db, userId),
    defaultLocale: 'zh-CN',
    now: () => bot.w.clock.now(),
  });
  const sent: OutgoingMessage[] = [];
  const dingtalk: Notifier = {
    async deliver(m) {
      const landed = await real.deliver(m);
      sent.push(m);
      return landed;
    },
  };
  const notifiers = { dingtalk, slack: new RecordingNotifier() };
  return {
    notifiers,
    deliver: () => deliverPending({ db: bot.w.db, clock: bot.w.clock, notifiers }),
    delivered: () => sent.map((m) => `${m.notification.kind} → ${m.recipient.type === 'user' ? m.recipient.userId : m.recipient.type === 'channel' ? `#${m.recipient.channel}` : `update #${m.recipient.outboxId}`}`),
  };
}
