import { randomBytes } from 'node:crypto';
import { BOT_USER_ID, CHANNELS, isMember, personById } from './people.ts';

/**
 * The sandbox's Slack workspace, in memory: channels, each person's DM with
 * the bot, messages (public and ephemeral), App Home views, modal stacks,
 * trigger ids and response URLs. It keeps Slack's rules about time and use
 * (a trigger lives 3 s and works once; a response URL 5 uses in 30 minutes;
 * 3 stacked views): those run on the wall clock, as Slack's do, whatever the
 * sandbox clock says. Every change bumps `version` and tells the subscribers
 * (the page's server-sent events).
 */

export const TRIGGER_TTL_MS = 3000;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
export const RESPONSE_URL_USES = 5;
export const MAX_STACKED_VIEWS = 3;
/** The sandbox keeps files in memory: small ones only (Slack's own limit is 1 GB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface StoredMessage {
  channel: string;
  ts: string;
  from: string;
  text: string;
  blocks?: unknown[];
  /** Seen only by this person. */
  ephemeralFor?: string;
  /** Files shared with the message (files.completeUploadExternal); the text is the initial comment. */
  files?: { id: string; name: string; title: string; size: number }[];
  edited: boolean;
  /** By the sandbox clock. */
  at: Date;
}

export interface OpenView {
  id: string;
  hash: string;
  view: Record<string, unknown>;
  user: string;
  /** Inline errors of the last submission, by block_id. */
  errors: Record<string, string>;
  rootViewId: string;
  previousViewId: string | null;
}

interface Trigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

export interface ResponseUrl {
  user: string;
  channel: string;
  /** The message whose button was clicked (replace_original / delete_original act on it). */
  messageTs?: string;
  issuedAt: number;
  uses: number;
}

/** A file on its way in (files.getUploadURLExternal → the upload URL → files.completeUploadExternal). */
export interface StoredFile {
  id: string;
  name: string;
  /** The length announced when the upload URL was asked for. */
  length: number;
  bytes?: Buffer;
  /** Where it was shared; until then nobody can download it. */
  channel?: string;
}

export interface Problem {
  user: string | null;
  at: Date;
  text: string;
}

/** Slack's error codes, as the Web API answers them. */
export class SlackRefusal extends Error {
  readonly error: string;
  readonly messages: string[];
  constructor(error: string, messages: string[] = []) {
    super(error);
    this.error = error;
    this.messages = messages;
  }
}

export class Workspace {
  version = 0;
  readonly messages: StoredMessage[] = [];
  readonly homes = new Map<string, OpenView>();
  readonly modals = new Map<string, OpenView[]>();
  readonly problems: Problem[] = [];
  readonly files = new Map<string, StoredFile>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly responseUrls = new Map<string, ResponseUrl>();
  /** person → channel → how many of its messages they have seen. */
  private readonly seen = new Map<string, Map<string, number>>();
  private readonly subscribers = new Set<() => void>();
  private tsCounter = 0;
  private viewCounter = 0;
  private fileCounter = 0;
  /** The sandbox's own origin (`http://127.0.0.1:PORT`), where upload URLs point; set once it listens. */
  origin = '';

  private readonly now: () => Date;
  private readonly wallNow: () => number;
  constructor(now: () => Date, wallNow: () => number = Date.now) {
    this.now = now;
    this.wallNow = wallNow;
  }

  // ---- change notification

  subscribe(fn: () => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  changed(): void {
    this.version += 1;
    for (const fn of [...this.subscribers]) fn();
  }

  /** Everything back to the first state (the page's reset). */
  clear(): void {
    this.messages.length = 0;
    this.homes.clear();
    this.modals.clear();
    this.problems.length = 0;
    this.triggers.clear();
    this.responseUrls.clear();
    this.seen.clear();
    this.files.clear();
    this.changed();
  }

  problem(user: string | null, text: string): void {
    this.problems.push({ user, at: this.now(), text });
    if (this.problems.length > 50) this.problems.splice(0, this.problems.length - 50);
    this.changed();
  }

  // ---- conversations

  /** Each person's DM with the bot. */
  static dmOf(userId: string): string {
    return `D${userId}`;
  }

  /** A channel id, a DM id or a user id (Slack posts to the app DM) → the conversation, or refused. */
  resolveChannel(channel: string): string {
    if (Object.values(CHANNELS).some((c) => c.id === channel)) return channel;
    if (channel.startsWith('D') && personById(channel.slice(1))) return channel;
    if (personById(channel)) return Workspace.dmOf(channel);
    throw new SlackRefusal('channel_not_found');
  }

  /** The person a DM is with, or null for a channel. */
  static dmPerson(channel: string): string | null {
    return channel.startsWith('D') ? channel.slice(1) : null;
  }

  /** Who may read a conversation: a channel's members, the one person of a DM. */
  canRead(user: string, channel: string): boolean {
    const dm = Workspace.dmPerson(channel);
    if (dm !== null) return dm === user;
    const person = personById(user);
    const c = Object.values(CHANNELS).find((x) => x.id === channel);
    return person !== undefined && c !== undefined && isMember(person, c);
  }

  // ---- messages

  nextTs(): string {
    this.tsCounter += 1;
    const seconds = Math.floor(this.now().getTime() / 1000);
    return `${seconds}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  post(m: Omit<StoredMessage, 'ts' | 'edited' | 'at'>): StoredMessage {
    const stored: StoredMessage = { ...m, ts: this.nextTs(), edited: false, at: this.now() };
    this.messages.push(stored);
    this.changed();
    return stored;
  }

  /** A public message (chat.update and replace_original change those; ephemeral ones only by response_url). */
  find(channel: string, ts: string, forUser?: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && (m.ephemeralFor === undefined || m.ephemeralFor === forUser));
  }

  update(m: StoredMessage, text: string, blocks: unknown[] | undefined): void {
    m.text = text;
    m.blocks = blocks;
    m.edited = true;
    this.changed();
  }

  remove(m: StoredMessage): void {
    const i = this.messages.indexOf(m);
    if (i >= 0) this.messages.splice(i, 1);
    this.changed();
  }

  /** What one person sees in one conversation: public messages and their own ephemeral ones. */
  visible(user: string, channel: string): StoredMessage[] {
    if (!this.canRead(user, channel)) return [];
    return this.messages.filter((m) => m.channel === channel && (m.ephemeralFor === undefined || m.ephemeralFor === user));
  }

  markSeen(user: string, channel: string): void {
    const mine = this.seen.get(user) ?? new Map<string, number>();
    const count = this.visible(user, channel).length;
    if (mine.get(channel) === count) return;
    mine.set(channel, count);
    this.seen.set(user, mine);
    this.changed();
  }

  unread(user: string, channel: string): number {
    return Math.max(0, this.visible(user, channel).length - (this.seen.get(user)?.get(channel) ?? 0));
  }

  // ---- files (Slack's upload flow)

  /** files.getUploadURLExternal: an id and a URL on the sandbox's own origin to POST the bytes to. */
  reserveFile(name: string, length: number): { file: StoredFile; uploadUrl: string } {
    if (!Number.isInteger(length) || length < 1) throw new SlackRefusal('invalid_arguments', ['[ERROR] length must be a positive whole number of bytes']);
    if (length > MAX_FILE_BYTES) throw new SlackRefusal('file_too_large', [`[ERROR] the sandbox keeps files up to ${MAX_FILE_BYTES} bytes`]);
    this.fileCounter += 1;
    const file: StoredFile = { id: `F${String(this.fileCounter).padStart(10, '0')}`, name, length };
    this.files.set(file.id, file);
    return { file, uploadUrl: `${this.origin}/upload/${file.id}` };
  }

  /** The POST to the upload URL: once, before the upload is completed, at most the announced length. */
  receiveFile(id: string, bytes: Buffer): void {
    const file = this.files.get(id);
    if (!file || file.channel !== undefined || file.bytes !== undefined) throw new SlackRefusal('invalid_upload');
    if (bytes.length > file.length) throw new SlackRefusal('file_too_large', [`[ERROR] ${bytes.length} bytes sent, ${file.length} announced`]);
    file.bytes = bytes;
  }

  /** files.completeUploadExternal: the files are shared in the channel as one message with the comment. */
  shareFiles(list: readonly { id: string; title?: string }[], channel: string, comment: string): StoredMessage {
    const files = list.map(({ id, title }) => {
      const file = this.files.get(id);
      // Slack refuses a file whose bytes never arrived (or not all of them), or one already shared.
      if (!file || file.channel !== undefined || file.bytes?.length !== file.length) throw new SlackRefusal('file_upload_not_found', [`[ERROR] no complete upload for ${id}`]);
      return { file, title: title ?? file.name };
    });
    for (const { file } of files) file.channel = channel;
    return this.post({ channel, from: BOT_USER_ID, text: comment, files: files.map(({ file, title }) => ({ id: file.id, name: file.name, title, size: file.length })) });
  }

  /** A shared file, for a person who can read the conversation it was shared in; anyone else: none. */
  fileFor(user: string, id: string): StoredFile | undefined {
    const file = this.files.get(id);
    return file?.channel !== undefined && file.bytes && this.canRead(user, file.channel) ? file : undefined;
  }

  // ---- triggers and response URLs

  issueTrigger(user: string): string {
    const id = `${this.wallNow()}.${randomBytes(6).toString('hex')}`;
    this.triggers.set(id, { user, issuedAt: this.wallNow(), used: false });
    return id;
  }

  /** A trigger id opens one view within 3 s (Slack: expired_trigger_id, exchanged_trigger_id). */
  useTrigger(id: string): string {
    const t = this.triggers.get(id);
    if (!t) throw new SlackRefusal('invalid_trigger_id');
    if (t.used) throw new SlackRefusal('exchanged_trigger_id');
    if (this.wallNow() - t.issuedAt > TRIGGER_TTL_MS) throw new SlackRefusal('expired_trigger_id');
    t.used = true;
    return t.user;
  }

  issueResponseUrl(r: Omit<ResponseUrl, 'issuedAt' | 'uses'>): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { ...r, issuedAt: this.wallNow(), uses: 0 });
    return id;
  }

  /** A response URL works 5 times within 30 minutes. */
  useResponseUrl(id: string): ResponseUrl {
    const r = this.responseUrls.get(id);
    if (!r) throw new SlackRefusal('invalid_url');
    if (this.wallNow() - r.issuedAt > RESPONSE_URL_TTL_MS) throw new SlackRefusal('expired_url');
    if (r.uses >= RESPONSE_URL_USES) throw new SlackRefusal('used_url');
    r.uses += 1;
    return r;
  }

  // ---- views

  private newView(user: string, view: Record<string, unknown>, root: string | null, previous: string | null): OpenView {
    this.viewCounter += 1;
    const id = `V${String(this.viewCounter).padStart(10, '0')}`;
    return { id, hash: newHash(), view, user, errors: {}, rootViewId: root ?? id, previousViewId: previous };
  }

  stackOf(user: string): OpenView[] {
    return this.modals.get(user) ?? [];
  }

  openModal(user: string, view: Record<string, unknown>): OpenView {
    const opened = this.newView(user, view, null, null);
    this.modals.set(user, [opened]);
    this.changed();
    return opened;
  }

  pushModal(user: string, view: Record<string, unknown>): OpenView {
    const stack = this.stackOf(user);
    if (stack.length === 0) throw new SlackRefusal('view_not_found');
    if (stack.length >= MAX_STACKED_VIEWS) throw new SlackRefusal('push_limit_reached');
    const top = stack[stack.length - 1]!;
    const pushed = this.newView(user, view, top.rootViewId, top.id);
    stack.push(pushed);
    this.changed();
    return pushed;
  }

  /** A modal or Home view by id or external_id. */
  findView(viewId?: string, externalId?: string): OpenView | undefined {
    const all = [...[...this.modals.values()].flat(), ...this.homes.values()];
    return all.find((v) => (viewId !== undefined && v.id === viewId) || (externalId !== undefined && v.view.external_id === externalId));
  }

  /** views.update: the view keeps its id; a stale hash is refused (hash_conflict). */
  replaceView(target: OpenView, view: Record<string, unknown>, hash?: string): OpenView {
    if (hash !== undefined && hash !== target.hash) throw new SlackRefusal('hash_conflict');
    target.view = view;
    target.hash = newHash();
    target.errors = {};
    this.changed();
    return target;
  }

  publishHome(user: string, view: Record<string, unknown>, hash?: string): OpenView {
    const current = this.homes.get(user);
    if (current) return this.replaceView(current, view, hash);
    const home = this.newView(user, view, null, null);
    this.homes.set(user, home);
    this.changed();
    return home;
  }

  /** The top view closes (a submission with no response_action, or Cancel). */
  closeTop(user: string, viewId: string): void {
    const stack = this.stackOf(user);
    const i = stack.findIndex((v) => v.id === viewId);
    if (i >= 0) stack.splice(i);
    this.changed();
  }

  closeAll(user: string): void {
    this.modals.delete(user);
    this.changed();
  }

  setErrors(view: OpenView, errors: Record<string, string>): void {
    view.errors = errors;
    this.changed();
  }
}

function newHash(): string {
  return `${Date.now()}.${randomBytes(4).toString('hex')}`;
}
