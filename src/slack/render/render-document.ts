import type { KnownBlock } from '@slack/types';
import type { DocBlock, NotificationDocument } from '../../messages/notifications/document.ts';
import { ACTIONS } from '../action-ids.ts';
import { actions, button, context, divider, fields, header, message, section, type RenderedMessage } from './blocks.ts';
import { toMrkdwn } from './inline-mrkdwn.ts';
import { escapeAndClip } from './mrkdwn.ts';

/**
 * A chat-neutral notification document (src/messages/notifications) as a
 * Slack message. One renderer for every kind: what a notification says is
 * decided there; Block Kit's limits (blocks.ts, limits.ts: clipping, at most
 * 50 blocks with the buttons kept) and the escaping of user text
 * (mrkdwn.ts) are decided here.
 */
export function renderDocument(doc: NotificationDocument): RenderedMessage {
  return message(toMrkdwn(doc.text), renderBlocks(doc.blocks), toMrkdwn(doc.shortened));
}

export function renderBlocks(blocks: readonly DocBlock[]): KnownBlock[] {
  return blocks.map(renderBlock);
}

function renderBlock(b: DocBlock): KnownBlock {
  switch (b.type) {
    case 'title': return header(b.text);
    case 'paragraph': return section(toMrkdwn(b.text));
    case 'fields': return fields(b.fields.map((f) => [f.label, toMrkdwn(f.value)] as const));
    case 'userText': {
      // Never a ping or a link: escaped, then clipped (mrkdwn.ts).
      const body = b.text && b.text.trim() !== '' ? escapeAndClip(b.text, b.max) : `_${b.none}_`;
      return section(`*${b.label}*\n${body}`);
    }
    case 'context': return context(toMrkdwn(b.text));
    case 'divider': return divider();
    case 'actions':
      return actions(b.actions.map((a) => button(a.label, ACTIONS[a.action], a.value, { ...(a.style ? { style: a.style } : {}), ...(a.confirm ? { confirm: a.confirm } : {}) })));
    default: {
      const unknown: never = b;
      throw new Error(`no Slack block for document block ${(unknown as { type: string }).type}`);
    }
  }
}
