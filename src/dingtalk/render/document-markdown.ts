import type { DocBlock } from '../../messages/notifications/document.ts';
import { toMarkdown, trustedMarkdown } from './to-markdown.ts';
import { escapeDingTalkMarkdown } from '../markdown.ts';

/**
 * Chat-neutral document blocks as DingTalk markdown (no tables in DingTalk:
 * fields become "**label**: value" lines). Action intents are left out: in
 * DingTalk buttons live on cards, not in markdown.
 */
export function blocksMarkdown(blocks: readonly DocBlock[]): string {
  return blocks.map(blockMarkdown).filter((s) => s !== '').join('\n\n');
}

function blockMarkdown(b: DocBlock): string {
  switch (b.type) {
    case 'title':
      return `#### ${escapeDingTalkMarkdown(b.text)}`;
    case 'paragraph':
      return toMarkdown(b.text);
    case 'fields':
      return b.fields
        .filter((f) => f.value.length > 0)
        .map((f) => `**${escapeDingTalkMarkdown(f.label)}**: ${toMarkdown(f.value)}`)
        .join('  \n');
    case 'userText':
      return `**${escapeDingTalkMarkdown(b.label)}**  \n${b.text === null || b.text === '' ? `*${trustedMarkdown(b.none)}*` : toMarkdown([{ kind: 'user', text: b.text, max: b.max }])}`;
    case 'context':
      return `<font color=#888888>${toMarkdown(b.text)}</font>`;
    case 'divider':
      return '---';
    case 'actions':
      return '';
  }
}
