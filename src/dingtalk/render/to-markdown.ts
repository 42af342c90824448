import { EMOJI, type Inline, type Part } from '../../messages/inline.ts';
import { escapeDingTalkMarkdown } from '../markdown.ts';
import { dingtalkPlatformWord } from './platform-words.ts';

/**
 * A run of the chat-neutral messages (src/messages/inline.ts) as DingTalk
 * markdown. Trusted text carries the catalogue's tiny markup, turned into
 * DingTalk's here (`*bold*` → `**bold**`, `_italic_` → `*italic*`, emoji
 * shortcodes → Unicode); user text is escaped (escapeDingTalkMarkdown: no
 * heading, link, HTML or @all can come from it) and cut after escaping; an
 * actor key shows as text (a DingTalk user by id, anyone else by key): the
 * robot never @mentions from a message body; a platform word is DingTalk's
 * (a text command the robot reads, in the reader's language).
 */
export function toMarkdown(run: Inline | Part): string {
  const parts: Inline = typeof run === 'string' || !Array.isArray(run) ? [run as Part] : (run as Inline);
  return parts.map(partMarkdown).join('');
}

function partMarkdown(p: Part): string {
  if (typeof p === 'string') return trustedMarkdown(p);
  if (p.kind === 'user') return clip(escapeDingTalkMarkdown(p.text), p.max);
  if (p.kind === 'platform') return dingtalkPlatformWord(p.word, p.locale);
  const dingtalk = /^dingtalk:(.+)$/.exec(p.key);
  return escapeDingTalkMarkdown(dingtalk ? dingtalk[1]! : p.key);
}

/**
 * The catalogue's tiny markup (a subset of Slack mrkdwn) in DingTalk
 * markdown. Marker by marker, since a span may enclose a user part and so
 * open in one trusted string and close in the next; the catalogue uses `*`
 * and `_` for nothing else (test/messages guards it).
 */
export function trustedMarkdown(text: string): string {
  // Code spans (`违规 查看 V-…`, `DINGTALK_…`) are kept as they are: no markup inside them.
  return text
    .split(/(`[^`\n]*`)/)
    .map((seg, i) => (i % 2 === 1 ? seg : markers(seg)))
    .join('')
    // A markdown line break needs two spaces before it.
    .replace(/\n/g, '  \n');
}

function markers(text: string): string {
  return text
    .replace(/:([a-z_]+):/g, (all, name: string) => (name in EMOJI ? EMOJI[name as keyof typeof EMOJI] : all))
    .replace(/\*/g, '**')
    .replace(/_/g, '*');
}

/** Cut escaped text to `max` characters without leaving a lone backslash or half an entity. */
function clip(escaped: string, max: number | undefined): string {
  if (max === undefined || escaped.length <= max) return escaped;
  let cut = escaped.slice(0, max - 1);
  cut = cut.replace(/\\$/, '').replace(/&[a-z]*$/, '');
  return `${cut}…`;
}

/** Plain text of a run, for a card's text fields and a message title (no markup at all). */
export function toPlain(run: Inline | Part): string {
  const parts: Inline = typeof run === 'string' || !Array.isArray(run) ? [run as Part] : (run as Inline);
  return parts
    .map((p) => (typeof p === 'string' ? p.replace(/[*_`]/g, '').replace(/:([a-z_]+):/g, (all, n: string) => (n in EMOJI ? EMOJI[n as keyof typeof EMOJI] : all)) : p.kind === 'user' ? p.text : p.kind === 'platform' ? dingtalkPlatformWord(p.word, p.locale) : p.key.replace(/^dingtalk:/, '')))
    .join('');
}
