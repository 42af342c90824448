import type { Locale } from '../../messages/i18n.ts';

/**
 * The few words only the DingTalk adapter says, in both languages (issue 12).
 * Kept here, not in the shared catalogue, while the inbound helper adds the
 * command texts there in parallel: the lead may move them into
 * src/messages/strings at merge (they use the same tiny markup).
 */
const WORDS = {
  'zh-CN': {
    /** Markdown without a card template: the buttons cannot be shown. */
    actionsByCommand: (caseId: string) => `此消息的按钮需要卡片模板（未配置）。请发送 \`违规 查看 ${caseId}\` 给机器人，查看案件并继续处理。`,
    actionsByCommandNoCase: '此消息的按钮需要卡片模板（未配置）。请发送 `帮助` 给机器人，查看可用的命令。',
    help: '可用命令：`违规 上报`、`违规 列表`、`违规 查看 V-000001`、`伙伴 状态 P001`、`语言 en`（或 `语言 中文`）、`帮助`。',
    unknownUser: '钉钉用户',
  },
  en: {
    actionsByCommand: (caseId: string) => `This message's buttons need the card template (not configured). Send \`violation show ${caseId}\` to the bot to see the case and carry on from there.`,
    actionsByCommandNoCase: "This message's buttons need the card template (not configured). Send `help` to the bot for the commands.",
    help: 'Commands: `violation report`, `violation list`, `violation show V-000001`, `partner status P001`, `language zh-CN` (or `language en`), `help`.',
    unknownUser: 'DingTalk user',
  },
} as const satisfies Record<Locale, unknown>;

export function dingtalkWords(locale: Locale): (typeof WORDS)[Locale] {
  return WORDS[locale];
}
