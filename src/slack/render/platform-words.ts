import type { PlatformWordName } from '../../messages/inline.ts';

/** The chat-neutral placeholders (src/messages/platform-words.ts) as Slack says them: the slash commands of manifest.yml. */
export const SLACK_WORDS: Record<PlatformWordName, string> = {
  chat: 'Slack',
  caseShow: '/violation show',
  partnerStatus: '/partner status',
};
