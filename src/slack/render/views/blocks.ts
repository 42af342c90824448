import type { types } from '@slack/bolt';
import { clip, escapeMrkdwn } from '../mrkdwn.ts';

/**
 * Small Block Kit builders that keep Slack's limits in one place: 50 blocks
 * a message, 100 a modal or Home tab, 3000 characters a section, 24 a modal
 * title, 75 a button or option text.
 */
export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type Button = types.Button;

export const LIMITS = { messageBlocks: 50, modalBlocks: 100, sectionText: 3000, modalTitle: 24, buttonText: 75, optionText: 75, contextElements: 10 } as const;

/** Plain text is never parsed for mentions or links; only its length needs care. */
export function plain(text: string, max = 150): types.PlainTextElement {
  return { type: 'plain_text', text: cut(text, max), emoji: true };
}

export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Mrkdwn whose user parts the caller has escaped already (see `esc`). */
export function md(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, LIMITS.sectionText - 100) };
}

/** User text for mrkdwn: escaped (no pings, no disguised links) and clipped. */
export function esc(text: string, max = 2500): string {
  return escapeMrkdwn(cut(text, max));
}

export function header(text: string): Block {
  return { type: 'header', text: plain(text, 150) };
}

export function section(text: string, accessory?: types.SectionBlockAccessory, blockId?: string): Block {
  return { type: 'section', text: md(text), ...(accessory ? { accessory } : {}), ...(blockId ? { block_id: blockId } : {}) };
}

export function fields(texts: string[]): Block {
  return { type: 'section', fields: texts.slice(0, 10).map((t) => md(cut(t, 1900))) };
}

export function context(...texts: string[]): Block {
  return { type: 'context', elements: texts.slice(0, LIMITS.contextElements).map((t) => md(t)) };
}

export const divider: Block = { type: 'divider' };

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return { type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

export function actions(elements: types.ActionsBlockElement[], blockId?: string): Block {
  return { type: 'actions', elements: elements.slice(0, 25), ...(blockId ? { block_id: blockId } : {}) };
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
    blocks: spec.blocks.slice(0, LIMITS.modalBlocks),
    ...(spec.privateMetadata ? { private_metadata: spec.privateMetadata.slice(0, 3000) } : {}),
  };
}

/** A private (ephemeral) reply: text is the notification fallback, and mrkdwn too, so it is built from escaped parts. */
export interface PrivateReply {
  text: string;
  blocks: Block[];
}
