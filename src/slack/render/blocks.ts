import type { ActionsBlock, ActionsBlockElement, Button, ContextBlock, DividerBlock, HeaderBlock, KnownBlock, MrkdwnElement, SectionBlock, SectionBlockAccessory } from '@slack/types';
import { clip, LIMITS, SECTION_MAX } from './limits.ts';
import { clipMrkdwn } from './mrkdwn.ts';

/** What every renderer returns: the notification text (push, screen readers, search) and the Block Kit body. */
export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Every mrkdwn object is `verbatim`: Slack then links no bare URL, channel
 * name or @word found in the text; only the `<@U…>` mentions we build
 * ourselves are special. User text is escaped on top of that (mrkdwn.ts).
 */
export function mrkdwn(text: string, max: number = SECTION_MAX): MrkdwnElement {
  return { type: 'mrkdwn', text: clipMrkdwn(text, max), verbatim: true };
}

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

/** Mrkdwn text, with an optional element beside it (one button) and a block id a listener can find. */
export function section(text: string, accessory?: SectionBlockAccessory, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(accessory ? { accessory } : {}), ...(blockId ? { block_id: blockId } : {}) };
}

/** Label/value pairs shown two per row; empty values are left out. */
export function fields(pairs: readonly (readonly [label: string, value: string])[]): SectionBlock {
  const shown = pairs.filter(([, v]) => v !== '').slice(0, LIMITS.fields);
  return { type: 'section', fields: shown.map(([label, value]) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText - 50)) };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)) };
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export interface ConfirmText {
  title: string;
  text: string;
  confirm: string;
  deny: string;
}

export function button(text: string, actionId: string, value: string, opts: { style?: 'primary' | 'danger'; confirm?: ConfirmText } = {}): Button {
  const c = opts.confirm;
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: value.slice(0, LIMITS.buttonValue),
    ...(opts.style ? { style: opts.style } : {}),
    ...(c
      ? {
          confirm: {
            title: { type: 'plain_text' as const, text: clip(c.title, LIMITS.confirmTitle) },
            text: { type: 'plain_text' as const, text: clip(c.text, LIMITS.confirmText) },
            confirm: { type: 'plain_text' as const, text: clip(c.confirm, LIMITS.confirmButton) },
            deny: { type: 'plain_text' as const, text: clip(c.deny, LIMITS.confirmButton) },
          },
        }
      : {}),
  };
}

/** A row of buttons (Slack takes 25 at most), with a block id when a listener or test must find it. */
export function actions(elements: readonly ActionsBlockElement[], blockId?: string): ActionsBlock {
  return { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements), ...(blockId ? { block_id: blockId } : {}) };
}

/**
 * The finished message. Past 50 blocks the middle is dropped, never the
 * buttons at the end, and a note says the message was shortened.
 */
export function message(text: string, blocks: KnownBlock[], shortenedNote: string): RenderedMessage {
  const safeText = clipMrkdwn(text, LIMITS.messageText);
  if (blocks.length <= LIMITS.messageBlocks) return { text: safeText, blocks };
  const last = blocks[blocks.length - 1]!;
  const keepLast = last.type === 'actions';
  const head = blocks.slice(0, LIMITS.messageBlocks - (keepLast ? 2 : 1));
  return { text: safeText, blocks: [...head, context(shortenedNote), ...(keepLast ? [last] : [])] };
}
