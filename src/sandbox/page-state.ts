import { escapeForSlackWithMarkdown } from 'slack-to-html';
import type { ClockView, ConversationView, SandboxState } from './protocol.ts';
import { BOT_USER_ID, CHANNELS, PEOPLE, personById } from './people.ts';
import { Workspace } from './workspace.ts';

/**
 * What one person sees, for the page: their conversations, the messages
 * there (with their own ephemeral ones), their App Home and modal stack.
 * Every mrkdwn text gets `html` from slack-to-html (which escapes), so the
 * page never turns user text into markup itself.
 */

const names = {
  users: Object.fromEntries([...PEOPLE.map((p) => [p.id, p.name]), [BOT_USER_ID, 'violation-bot']]),
  channels: Object.fromEntries(Object.values(CHANNELS).map((c) => [c.id, c.name])),
};

export function mrkdwnHtml(text: string): string {
  return escapeForSlackWithMarkdown(text, { ...names, dateTimeZone: 'Asia/Shanghai' });
}

/** A copy of blocks or a view with `html` beside every mrkdwn text. */
export function withHtml<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withHtml(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = withHtml(v);
  if (o.type === 'mrkdwn' && typeof o.text === 'string') out.html = mrkdwnHtml(o.text);
  return out as T;
}

export function conversationsOf(ws: Workspace, user: string): ConversationView[] {
  const channels = Object.values(CHANNELS)
    .filter((c) => ws.canRead(user, c.id))
    .map((c) => ({ id: c.id, name: `#${c.name}`, kind: 'channel' as const }));
  const dm = { id: Workspace.dmOf(user), name: 'violation-bot', kind: 'dm' as const };
  return [...channels, dm].map((c) => ({ ...c, unread: ws.unread(user, c.id) }));
}

export function stateFor(ws: Workspace, user: string, clock: ClockView): SandboxState {
  if (!personById(user)) throw new Error(`no such person: ${user}`);
  const conversations = conversationsOf(ws, user);
  const messages: SandboxState['messages'] = {};
  for (const c of conversations) {
    messages[c.id] = ws.visible(user, c.id).map((m) => ({
      ts: m.ts,
      from: m.from === BOT_USER_ID ? 'bot' : m.from,
      fromName: m.from === BOT_USER_ID ? 'violation-bot' : (personById(m.from)?.name ?? m.from),
      text: m.text,
      html: mrkdwnHtml(m.text),
      ...(m.blocks ? { blocks: withHtml(m.blocks) } : {}),
      ephemeral: m.ephemeralFor !== undefined,
      ...(m.files ? { files: m.files.map((f) => ({ ...f, url: `/files/${f.id}?as=${encodeURIComponent(user)}` })) } : {}),
      edited: m.edited,
      at: m.at.toISOString(),
    }));
  }
  const home = ws.homes.get(user);
  return {
    version: ws.version,
    me: user,
    people: PEOPLE.map((p) => ({ id: p.id, name: p.name, title: p.title, locale: p.locale })),
    conversations,
    messages,
    home: home ? { ...withHtml(home.view), id: home.id } : null,
    modals: ws.stackOf(user).map((v) => ({ id: v.id, hash: v.hash, view: withHtml(v.view), errors: v.errors })),
    clock,
    problems: ws.problems.filter((p) => p.user === null || p.user === user).map((p) => ({ at: p.at.toISOString(), text: p.text })),
  };
}
