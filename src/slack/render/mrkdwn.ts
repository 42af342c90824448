import { SECTION_MAX } from './limits.ts';

const ZWSP = '\u200B';

/**
 * User text is escaped before it enters Slack mrkdwn, so a report whose facts
 * contain `<!channel>`, `@here` or `<http://evil|bank>` pings nobody and
 * disguises no link, and a partner named `*Urgent*` or `_x_` formats nothing.
 * Slack's own rule: escape &, < and >; those three make every special
 * sequence inert. `@here` typed as plain text does not ping (only `<!here>`
 * does), but a zero-width space keeps clients from linking it. Slack has no
 * escape for `*`, `_`, `~` and backticks: a zero-width space before each one
 * means it never follows a space or the start of a line, which is where
 * Slack lets bold, italic, strike and code begin. The reader sees the text
 * exactly as typed.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(here|channel|everyone)\b/gi, `@${ZWSP}$1`)
    .replace(/[*_~`]/g, `${ZWSP}$&`);
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
