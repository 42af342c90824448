import { BOT_ID, BOT_USER_ID, personById, TEAM_ID } from './people.ts';
import { messageErrors, slackMessages, viewErrors } from './slack-limits.ts';
import { SlackRefusal, Workspace } from './workspace.ts';

/**
 * The Slack Web API methods the bot calls, answered from the sandbox's
 * workspace the way Slack answers them (`{ ok: true, … }`, or `ok: false`
 * with Slack's error code and `response_metadata.messages`). A method Slack
 * has but the sandbox does not is refused loudly (`unknown_method`) and shown
 * to everyone as a problem: the sandbox never pretends a call worked.
 */

type Args = Record<string, unknown>;
type Answer = Record<string, unknown>;
type Method = (ws: Workspace, a: Args) => Answer;

/** The only bot token the sandbox accepts (the bot is configured with it). */
export const SANDBOX_BOT_TOKEN = 'xoxb-sandbox-local';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

function required(a: Args, name: string): string {
  const v = str(a[name]);
  if (v === undefined) throw new SlackRefusal('invalid_arguments', [`[ERROR] missing required field: ${name}`]);
  return v;
}

function checkMessage(a: Args): { text: string; blocks: unknown[] | undefined } {
  const text = typeof a.text === 'string' ? a.text : '';
  const blocks = a.blocks === undefined || a.blocks === '' ? undefined : a.blocks;
  if (blocks !== undefined && list(blocks) === undefined) throw new SlackRefusal('invalid_blocks_format');
  if (text === '' && (blocks === undefined || (blocks as unknown[]).length === 0)) throw new SlackRefusal('no_text');
  const errors = messageErrors(text, blocks);
  if (errors.length > 0) throw new SlackRefusal('invalid_blocks', slackMessages(errors));
  return { text, blocks: blocks as unknown[] | undefined };
}

function checkView(a: Args): Record<string, unknown> {
  const view = obj(a.view);
  if (!view) throw new SlackRefusal('invalid_arguments', ['[ERROR] missing required field: view']);
  const errors = viewErrors(view);
  if (errors.length > 0) throw new SlackRefusal('invalid_arguments', slackMessages(errors));
  return view;
}

/** A view as Slack returns it: the app's JSON plus Slack's ids and state. */
export function viewPayload(v: { id: string; hash: string; view: Record<string, unknown>; rootViewId: string; previousViewId: string | null }, values: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...v.view,
    id: v.id,
    team_id: TEAM_ID,
    app_id: 'ASANDBOX',
    bot_id: BOT_ID,
    hash: v.hash,
    root_view_id: v.rootViewId,
    previous_view_id: v.previousViewId,
    private_metadata: v.view.private_metadata ?? '',
    callback_id: v.view.callback_id ?? '',
    external_id: v.view.external_id ?? '',
    state: { values },
  };
}

const methods: Record<string, Method> = {
  'auth.test': () => ({ url: 'http://sandbox.local/', team: 'Sandbox', user: 'violation-bot', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID }),

  'chat.postMessage': (ws, a) => {
    const channel = ws.resolveChannel(required(a, 'channel'));
    const { text, blocks } = checkMessage(a);
    const m = ws.post({ channel, from: BOT_USER_ID, text, ...(blocks ? { blocks } : {}) });
    return { channel, ts: m.ts, message: { type: 'message', text, blocks, ts: m.ts, user: BOT_USER_ID, bot_id: BOT_ID } };
  },

  'chat.postEphemeral': (ws, a) => {
    const channel = ws.resolveChannel(required(a, 'channel'));
    const user = required(a, 'user');
    if (!personById(user)) throw new SlackRefusal('user_not_found');
    if (!ws.canRead(user, channel)) throw new SlackRefusal('user_not_in_channel');
    const { text, blocks } = checkMessage(a);
    const m = ws.post({ channel, from: BOT_USER_ID, text, ...(blocks ? { blocks } : {}), ephemeralFor: user });
    return { message_ts: m.ts };
  },

  'chat.update': (ws, a) => {
    const channel = ws.resolveChannel(required(a, 'channel'));
    const ts = required(a, 'ts');
    // Ephemeral messages are not found by chat.update: only their response_url changes them.
    const m = ws.find(channel, ts);
    if (!m || m.ephemeralFor !== undefined) throw new SlackRefusal('message_not_found');
    if (m.from !== BOT_USER_ID) throw new SlackRefusal('cant_update_message');
    const { text, blocks } = checkMessage(a);
    ws.update(m, text, blocks);
    return { channel, ts, text, message: { text, blocks } };
  },

  'chat.delete': (ws, a) => {
    const channel = ws.resolveChannel(required(a, 'channel'));
    const ts = required(a, 'ts');
    const m = ws.find(channel, ts);
    if (!m || m.ephemeralFor !== undefined) throw new SlackRefusal('message_not_found');
    if (m.from !== BOT_USER_ID) throw new SlackRefusal('cant_delete_message');
    ws.remove(m);
    return { channel, ts };
  },

  'conversations.open': (ws, a) => {
    const users = required(a, 'users').split(',');
    if (users.length !== 1) throw new SlackRefusal('not_implemented', ['[ERROR] the sandbox opens DMs with one person only']);
    if (!personById(users[0]!)) throw new SlackRefusal('user_not_found');
    return { channel: { id: Workspace.dmOf(users[0]!) } };
  },

  // Slack's upload flow, as WebClient.filesUploadV2 runs it: a URL for the bytes, the POST there
  // (sandbox-server.ts → Workspace.receiveFile), then the share. files.upload is retired at Slack too.
  'files.getUploadURLExternal': (ws, a) => {
    const { file, uploadUrl } = ws.reserveFile(required(a, 'filename'), Number(a.length));
    return { upload_url: uploadUrl, file_id: file.id };
  },

  'files.completeUploadExternal': (ws, a) => {
    const files = list(a.files)?.map(obj);
    if (!files || files.length === 0 || files.some((f) => str(f?.id) === undefined)) throw new SlackRefusal('invalid_arguments', ['[ERROR] files must list {"id": …}']);
    // The sandbox shares into a conversation; an upload left private is not something the bot does.
    const channel = ws.resolveChannel(required(a, 'channel_id'));
    const m = ws.shareFiles(files.map((f) => ({ id: str(f!.id)!, title: str(f!.title) })), channel, typeof a.initial_comment === 'string' ? a.initial_comment : '');
    return { files: m.files!.map((f) => ({ id: f.id, name: f.name, title: f.title, size: f.size })) };
  },

  'users.info': (_ws, a) => {
    const person = personById(required(a, 'user'));
    if (!person) throw new SlackRefusal('user_not_found');
    const withLocale = a.include_locale === true || a.include_locale === 'true';
    return {
      user: {
        id: person.id,
        team_id: TEAM_ID,
        name: person.name.toLowerCase().replace(/\s+/g, '.'),
        real_name: person.name,
        tz: 'Asia/Shanghai',
        is_bot: false,
        profile: { real_name: person.name, display_name: person.name, title: person.title },
        ...(withLocale ? { locale: person.locale } : {}),
      },
    };
  },

  'views.open': (ws, a) => {
    const view = checkView(a);
    if (view.type !== 'modal') throw new SlackRefusal('invalid_arguments', ['[ERROR] views.open takes a modal [json-pointer:/view/type]']);
    const user = ws.useTrigger(required(a, 'trigger_id'));
    return { view: viewPayload(ws.openModal(user, view)) };
  },

  'views.push': (ws, a) => {
    const view = checkView(a);
    const user = ws.useTrigger(required(a, 'trigger_id'));
    return { view: viewPayload(ws.pushModal(user, view)) };
  },

  'views.update': (ws, a) => {
    const view = checkView(a);
    const target = ws.findView(str(a.view_id), str(a.external_id));
    if (!target) throw new SlackRefusal('not_found');
    return { view: viewPayload(ws.replaceView(target, view, str(a.hash))) };
  },

  'views.publish': (ws, a) => {
    const view = checkView(a);
    if (view.type !== 'home') throw new SlackRefusal('invalid_arguments', ['[ERROR] views.publish takes a home view [json-pointer:/view/type]']);
    const user = required(a, 'user_id');
    if (!personById(user)) throw new SlackRefusal('user_not_found');
    return { view: viewPayload(ws.publishHome(user, view, str(a.hash))) };
  },
};

/** Methods the sandbox answers. */
export const SANDBOX_METHODS: readonly string[] = Object.keys(methods);

export interface ApiCall {
  method: string;
  token: string | undefined;
  args: Args;
}

/** One Web API call → Slack's JSON answer (always HTTP 200, as Slack answers errors too). */
export function callWebApi(ws: Workspace, call: ApiCall): Answer {
  if (call.token === undefined) return { ok: false, error: 'not_authed' };
  if (call.token !== SANDBOX_BOT_TOKEN) return { ok: false, error: 'invalid_auth' };
  const method = methods[call.method];
  if (!method) {
    ws.problem(null, `The bot called ${call.method}, which the sandbox does not implement: Slack's answer here is unknown_method.`);
    return { ok: false, error: 'unknown_method' };
  }
  try {
    return { ok: true, ...method(ws, call.args) };
  } catch (e) {
    if (!(e instanceof SlackRefusal)) throw e;
    const user = str(call.args.user_id) ?? str(call.args.user) ?? null;
    ws.problem(user, `Slack would refuse ${call.method}: ${e.error}${e.messages.length > 0 ? ` — ${e.messages.join('; ')}` : ''}`);
    return { ok: false, error: e.error, ...(e.messages.length > 0 ? { response_metadata: { messages: e.messages } } : {}) };
  }
}
