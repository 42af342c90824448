import type { Locale } from './i18n.ts';
import type { PlatformWord, PlatformWordName, UserText } from './inline.ts';

/**
 * The catalogue names commands and the chat by neutral placeholders
 * (`{{show}}`, `{{status}}`, `{{chat}}`), never by Slack's slash commands:
 * a DingTalk user reads the same texts (issue 12). Each adapter fills a
 * PlatformWord from its own table (Slack: src/slack/render/platform-words.ts,
 * DingTalk: src/dingtalk/render/platform-words.ts).
 */
export function platformWord(word: PlatformWordName, locale: Locale): PlatformWord {
  return { kind: 'platform', word, locale };
}

/** The placeholders every text that names a command or the chat may use, to spread into `tr`'s parameters. */
export function platformWords(locale: Locale): { chat: PlatformWord; show: PlatformWord; status: PlatformWord } {
  return { chat: platformWord('chat', locale), show: platformWord('caseShow', locale), status: platformWord('partnerStatus', locale) };
}

/**
 * What follows a command in a text (`{{show}} {{caseId}}`): a case id we
 * generated (V-000012) is trusted, so no adapter escapes it and it can be
 * copied into the command as shown (DingTalk markdown would show `V\-000012`
 * in a code span); anything else stays user text.
 */
export function commandArg(id: UserText): string | UserText {
  return /^V-\d{6,}$/.test(id.text) ? id.text : id;
}
