import type { Inline } from '../inline.ts';

/**
 * What a notification says, for any chat (issue 12): a small structured
 * document that the Slack adapter turns into Block Kit
 * (src/slack/render/render-document.ts) and the DingTalk adapter into its
 * markdown and cards. The wording lives here once; what each platform does
 * with length, escaping and buttons lives in its adapter.
 *
 * Text is a run of parts (inline.ts): trusted text in the tiny markup, user
 * text raw, actors as keys.
 */
export interface NotificationDocument {
  /** The one-line text: push notifications, screen readers, search, and what a client without rich messages shows. */
  readonly text: Inline;
  readonly blocks: readonly DocBlock[];
  /** What to say in place of the middle when a platform must shorten the message. */
  readonly shortened: Inline;
}

export type DocBlock = Title | Paragraph | Fields | UserTextBlock | Context | Divider | Actions;

/** The heading: plain text, no markup. */
export interface Title {
  readonly type: 'title';
  readonly text: string;
}

export interface Paragraph {
  readonly type: 'paragraph';
  readonly text: Inline;
}

/** Label/value pairs, shown side by side where the platform can; a pair whose value is empty is left out. */
export interface Fields {
  readonly type: 'fields';
  readonly fields: readonly Field[];
}

export interface Field {
  readonly label: string;
  readonly value: Inline;
}

/**
 * A labelled block of what a user wrote (facts, reasons, grounds, a reply),
 * raw: the adapter escapes it and cuts it to `max` characters of its markup;
 * `none` (trusted) is shown, in italics, when nothing was written.
 */
export interface UserTextBlock {
  readonly type: 'userText';
  readonly label: string;
  readonly text: string | null;
  readonly max: number;
  readonly none: string;
}

/** Small print: a footer, the rule that applies, a hint. */
export interface Context {
  readonly type: 'context';
  readonly text: Inline;
}

export interface Divider {
  readonly type: 'divider';
}

/** What the reader can do from the message; the last block when there is one. */
export interface Actions {
  readonly type: 'actions';
  readonly actions: readonly ActionIntent[];
}

/**
 * The actions a notification offers, by name; each adapter maps a name to
 * its own id (Slack: src/slack/action-ids.ts, same names) and listener.
 */
export type NotificationAction =
  | 'replyAccept'
  | 'replyDispute'
  | 'objectOpen'
  | 'determinationApprove'
  | 'determinationReject'
  | 'determineOpen'
  | 'answerOpen'
  | 'noticeSend'
  | 'dismissOpen'
  /** R-COMPLAINT: staff open the answer modal of a filed complaint. value: complaint id */
  | 'complaintAnswerOpen';

/** A button: what it does, on what (a case or determination id), its label, and a confirmation to ask first. */
export interface ActionIntent {
  readonly action: NotificationAction;
  readonly value: string;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
  /** Plain text, no markup. */
  readonly confirm?: { readonly title: string; readonly text: string; readonly confirm: string; readonly deny: string };
}

export function title(text: string): Title {
  return { type: 'title', text };
}

export function paragraph(text: Inline): Paragraph {
  return { type: 'paragraph', text };
}

export function fields(pairs: readonly (readonly [label: string, value: Inline])[]): Fields {
  return { type: 'fields', fields: pairs.map(([label, value]) => ({ label, value })) };
}

export function userText(label: string, text: string | null, max: number, none: string): UserTextBlock {
  return { type: 'userText', label, text, max, none };
}

export function context(text: Inline): Context {
  return { type: 'context', text };
}

export function divider(): Divider {
  return { type: 'divider' };
}

export function actions(list: readonly ActionIntent[]): Actions {
  return { type: 'actions', actions: list };
}

export function document(text: Inline, blocks: readonly DocBlock[], shortened: Inline): NotificationDocument {
  return { text, blocks, shortened };
}
