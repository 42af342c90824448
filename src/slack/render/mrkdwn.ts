import { SECTION_MAX } from './limits.ts';

/**
 * User text is escaped before it enters Slack mrkdwn, so a report whose facts
 * contain `<!channel>`, `@here` or `<http://evil|bank>` pings nobody and
 * disguises no link. Slack's own rule: escape &, < and >; those three make
 * every special sequence inert. `@here` typed as plain text does not ping
 * (only `<!here>` does), but a zero-width joiner keeps clients from linking it.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(here|channel|everyone)\b/gi, '@\u200B$1');
}

/**
 * Clips mrkdwn we composed ourselves (labels + escaped user text + `<@U…>`
 * mentions) without leaving half an entity (`&am`) or half a mention (`<@U1`)
 * at the cut, which Slack would show as garbage. User text never holds a raw
 * `<` once escaped, so any `<` without its `>` here is one of ours.
 */
export function clipMrkdwn(text: string, max: number = SECTION_MAX): string {
  if (text.length <= max) return text;
  const cut = text
    .slice(0, max - 1)
    .replace(/&[a-z#0-9]{0,6}$/i, '')
    .replace(/<[^>]*$/, '');
  return `${cut}…`;
}

/** User text, escaped and then clipped to `max` characters of mrkdwn. */
export function escapeAndClip(text: string, max: number): string {
  return clipMrkdwn(escapeMrkdwn(text), max);
}
