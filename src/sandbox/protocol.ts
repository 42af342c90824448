/**
 * What the sandbox page and the sandbox server say to each other (JSON over
 * loopback HTTP, plus server-sent events). The page holds no state of its own
 * beyond what a person is typing: after every event it fetches the state of
 * the person it shows and renders it.
 *
 * Blocks and views are Slack's own JSON, exactly as the bot sent them, with
 * one addition: every text object of type `mrkdwn` carries `html`, the text
 * converted by slack-to-html on the server (escaped). The page sets innerHTML
 * only from `html`; every other string goes in as text.
 */

/** GET /ui/events: server-sent events; `data` is `{ "version": n }` each time anything changes. */
export interface ChangeEvent {
  version: number;
}

export interface PersonView {
  id: string;
  name: string;
  title: string;
  locale: string;
}

export interface ConversationView {
  id: string;
  /** '#partner-notices', or the bot's name for the person's DM with the bot. */
  name: string;
  kind: 'channel' | 'dm';
  /** Messages this person has not seen yet (since the page last showed the conversation). */
  unread: number;
}

export interface MessageView {
  ts: string;
  /** 'bot' or a person's id (a slash command echoed as the person typed it is not shown: Slack does not). */
  from: string;
  fromName: string;
  text: string;
  /** `text` as mrkdwn converted to HTML by slack-to-html (Slack shows a message's text as mrkdwn when it has no blocks). */
  html: string;
  blocks?: unknown[];
  /** Only this person sees it ("Only visible to you"). */
  ephemeral: boolean;
  /** Files shared with it, each a download link on the sandbox's origin for this person. */
  files?: { id: string; name: string; title: string; size: number; url: string }[];
  edited: boolean;
  /** When it was posted, by the sandbox clock, ISO 8601. */
  at: string;
}

export interface ModalView {
  /** Slack's view id: the page sends it back with every interaction on the modal. */
  id: string;
  /** Changes whenever the bot replaces the view (views.update, response_action update): rebuild the form then, not otherwise. */
  hash: string;
  /** The view JSON as the bot sent it (type 'modal'), mrkdwn carrying `html`. */
  view: Record<string, unknown>;
  /** Inline errors from the last submission, by block_id. */
  errors: Record<string, string>;
}

export interface ClockView {
  /** The sandbox's now, ISO 8601. */
  now: string;
  /** Today in Asia/Shanghai, YYYY-MM-DD, and whether it is a working day. */
  today: string;
  workingDay: boolean;
  /** The next pending deadline, if any: when and what. */
  nextDeadline: { dueAt: string; kind: string; caseId: string } | null;
}

/** GET /ui/state?as=USER */
export interface SandboxState {
  version: number;
  me: string;
  people: PersonView[];
  conversations: ConversationView[];
  /** Conversation id → what this person sees there, oldest first. */
  messages: Record<string, MessageView[]>;
  /** App Home as last published for this person (type 'home'), or null. */
  home: Record<string, unknown> | null;
  /** This person's open modals, bottom first (at most 3). */
  modals: ModalView[];
  clock: ClockView;
  /** Problems the sandbox caught for this person (a late ack, a refused call), newest last. */
  problems: { at: string; text: string }[];
}

// ---- page → server (POST, JSON body; every answer is `{ ok: true, … }` or `{ ok: false, error }`)

/** POST /ui/command: a slash command typed in a conversation. */
export interface CommandRequest {
  as: string;
  channel: string;
  /** The whole line, e.g. "/violation report". */
  line: string;
}

/** Where an interactive element was clicked. */
export type ActionSource =
  | { kind: 'message'; channel: string; ts: string }
  | { kind: 'home' }
  | { kind: 'modal'; viewId: string; values: StateValues };

/** POST /ui/action: a button click (or a select change in an actions block). */
export interface ActionRequest {
  as: string;
  source: ActionSource;
  blockId: string;
  action: {
    action_id: string;
    type: string;
    value?: string;
    selected_option?: { text: { type: 'plain_text'; text: string }; value: string };
  };
}

/** Slack's view.state.values: block_id → action_id → the element's state. */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** POST /ui/submit → `{ ok: true }` or `{ ok: true, errors: { block_id: text } }` (shown under the inputs). */
export interface SubmitRequest {
  as: string;
  viewId: string;
  values: StateValues;
}

/** POST /ui/close: the modal's Cancel / ×. */
export interface CloseRequest {
  as: string;
  viewId: string;
}

/** POST /ui/suggest → `{ ok: true, options: [{ text: { type, text }, value }] }` for an external_select. */
export interface SuggestRequest {
  as: string;
  viewId: string;
  blockId: string;
  actionId: string;
  value: string;
}

/** POST /ui/home: the person opened the App's Home tab (app_home_opened). */
export interface HomeRequest {
  as: string;
}

/** POST /ui/seen: the person looked at a conversation (clears its unread count). */
export interface SeenRequest {
  as: string;
  channel: string;
}

/** POST /ui/clock: move the sandbox clock, then run what fell due through the real sweep. */
export type ClockRequest = { advance: 'next-deadline' } | { advance: 'working-days'; days: number };

/** POST /ui/reset: demo data and workspace back to their first state. */
export type ResetRequest = Record<string, never>;

// ---- the staff side panel

/** GET /ui/cases: every case, as staff see the list. */
export interface CaseListItem {
  id: string;
  partner: string;
  item: string;
  state: string;
}

/** GET /ui/cases/:id: the case's audit trail and the decision's explanation with rule ids, as staff see them. */
export interface CaseFileView {
  id: string;
  summary: { label: string; value: string }[];
  /** The decision's explanation, one line each, with rule ids (empty before a determination). */
  explanation: string[];
  audit: { at: string; actor: string; action: string; detail: string }[];
}
