/**
 * User text inside a DingTalk markdown message (robot `sampleMarkdown`, card
 * markdown fields). DingTalk renders a subset of markdown plus a little HTML
 * (`<font color>`), so a partner's name or a reporter's note could otherwise
 * become a heading, a link, coloured text — or an @all. Pure: no I/O.
 */

/** Markdown punctuation that can start or close formatting anywhere in a line. */
const MARKDOWN_SPECIALS = /[\\`*_[\]()#+\-.!|~{}]/g;

/** `@all` / `@所有人` (and full-width ＠): a zero-width space after the @ keeps the text readable but inert. */
const AT_ALL = /([@＠])(?=\s*(?:all\b|所有人))/giu;

export function escapeDingTalkMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`)
    .replace(AT_ALL, '$1\u200B')
    // A line break inside user text would let the next line start a block (list, quote, heading).
    .replace(/\r\n?|\n/g, ' ');
}

/** True when an outbound body would notify everyone: the robot APIs must never carry it (issue 12). */
export function mentionsEveryone(body: unknown): boolean {
  const json = JSON.stringify(body);
  return /"isAtAll"\s*:\s*true/i.test(json) || /[@＠](?:all\b|所有人)/iu.test(json);
}
