import type { Locale } from '../../messages/i18n.ts';
import type { PlatformWordName } from '../../messages/inline.ts';

/**
 * The chat-neutral placeholders (src/messages/platform-words.ts) as DingTalk
 * says them: the text commands src/dingtalk/command-parser.ts reads, in the
 * reader's language (test/dingtalk/platform-words.test.ts parses them back).
 */
const WORDS: Record<Locale, Record<PlatformWordName, string>> = {
  'zh-CN': { chat: '钉钉', caseShow: '违规 查看', partnerStatus: '伙伴 状态' },
  en: { chat: 'DingTalk', caseShow: 'violation show', partnerStatus: 'partner status' },
};

export function dingtalkPlatformWord(word: PlatformWordName, locale: Locale): string {
  return WORDS[locale][word];
}
