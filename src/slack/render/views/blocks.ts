import type { types } from '@slack/bolt';
import { clip, LIMITS } from '../limits.ts';

/**
 * The builders replies, modals and the Home tab add to the message ones
 * (header, section, fields, button, actions, context and divider are shared
 * with notifications); each cuts to Slack's limits (limits.ts).
 */
export { actions, button, context, divider, fields, header, section } from '../blocks.ts';

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type Button = types.Button;

/** Plain text is never parsed for mentions or links; only its length needs care. */
export function plain(text: string, max: number = LIMITS.headerText): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
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
