import type { types } from '@slack/bolt';
import { mrkdwn } from '../blocks.ts';
import { clip, LIMITS } from '../limits.ts';
import { escapeAndClip } from '../mrkdwn.ts';

/**
 * The builders replies, modals and the Home tab add to the message ones
 * (header, section, context and divider are shared with notifications);
 * each cuts to Slack's limits (limits.ts).
 */
export { context, divider, header, section } from '../blocks.ts';

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type Button = types.Button;

/** Plain text is never parsed for mentions or links; only its length needs care. */
export function plain(text: string, max: number = LIMITS.headerText): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

/** User text for mrkdwn: escaped (no pings, no disguised links) and clipped. */
export function esc(text: string, max = 2500): string {
  return escapeAndClip(text, max);
}

export function fields(texts: string[]): Block {
  return { type: 'section', fields: texts.slice(0, LIMITS.fields).map((t) => mrkdwn(t, LIMITS.fieldText - 100)) };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

export function actions(elements: types.ActionsBlockElement[], blockId?: string): Block {
  return { type: 'actions', elements: elements.slice(0, LIMITS.actionsElements), ...(blockId ? { block_id: blockId } : {}) };
}

export function option(text: string, value: string, description?: string): types.PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value, ...(description ? { description: plain(description, LIMITS.optionText) } : {}) };
}

export interface InputSpec {
  blockId: string;
  label: string;
  element: types.InputBlockElement;
  optional?: boolean;
  hint?: string;
}

export function input(spec: InputSpec): Block {
  return {
    type: 'input',
    block_id: spec.blockId,
    label: plain(spec.label, 2000),
    element: spec.element,
    optional: spec.optional ?? false,
    ...(spec.hint ? { hint: plain(spec.hint, 2000) } : {}),
  };
}

export interface ModalSpec {
  callbackId: string;
  title: string;
  submit?: string;
  close: string;
  blocks: Block[];
  privateMetadata?: string;
}

export function modal(spec: ModalSpec): ModalView {
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    title: plain(spec.title, LIMITS.modalTitle),
    close: plain(spec.close, LIMITS.modalTitle),
    ...(spec.submit ? { submit: plain(spec.submit, LIMITS.modalTitle) } : {}),
    blocks: spec.blocks.slice(0, LIMITS.viewBlocks),
    ...(spec.privateMetadata ? { private_metadata: spec.privateMetadata.slice(0, LIMITS.privateMetadata) } : {}),
  };
}

/** A private (ephemeral) reply: text is the notification fallback, and mrkdwn too, so it is built from escaped parts. */
export interface PrivateReply {
  text: string;
  blocks: Block[];
}
