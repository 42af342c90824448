import type { Inline, Part } from '../../messages/inline.ts';
import { escapeAndClip, escapeMrkdwn } from './mrkdwn.ts';
import { SLACK_WORDS } from './platform-words.ts';

/**
 * A run of the chat-neutral messages (src/messages/inline.ts) as Slack
 * mrkdwn. Trusted text is already in mrkdwn (its tiny markup is a subset of
 * it); user text is escaped here and cut after escaping; an actor key that
 * names a Slack user becomes a mention we build ourselves from a checked id,
 * anything else (`cli:ops`, a DingTalk user, an imported name) escaped text,
 * so a key can never ping or link; a platform word is Slack's (a slash command).
 */
export function toMrkdwn(run: Inline | Part): string {
  const parts: Inline = typeof run === 'string' || !Array.isArray(run) ? [run as Part] : (run as Inline);
  return parts.map(partMrkdwn).join('');
}

function partMrkdwn(p: Part): string {
  if (typeof p === 'string') return p;
  if (p.kind === 'user') return p.max === undefined ? escapeMrkdwn(p.text) : escapeAndClip(p.text, p.max);
  if (p.kind === 'platform') return SLACK_WORDS[p.word];
  const slack = /^slack:([UW][A-Z0-9]{2,})$/.exec(p.key);
  return slack ? `<@${slack[1]}>` : escapeMrkdwn(p.key);
}
