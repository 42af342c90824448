import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMANDS } from '../../src/sandbox/interactions.ts';
import { LIMITS } from '../../src/sandbox/slack-limits.ts';
import { callWebApi, SANDBOX_BOT_TOKEN } from '../../src/sandbox/web-api.ts';
import { MAX_STACKED_VIEWS, RESPONSE_URL_USES, TRIGGER_TTL_MS, Workspace } from '../../src/sandbox/workspace.ts';

// The sandbox refuses what Slack refuses (issue #9), with Slack's error codes.
// The workspace takes the wall clock as a function, so time is moved here, not waited for.

const modal = (title = 'Report a violation', blocks: unknown[] = []) => ({ type: 'modal', title: { type: 'plain_text', text: title }, blocks });

function world() {
  let wall = 1_000_000;
  const ws = new Workspace(() => new Date('2026-12-03T04:00:00Z'), () => wall);
  const call = (method: string, args: Record<string, unknown>, token: string | null = SANDBOX_BOT_TOKEN) => callWebApi(ws, { method, token: token ?? undefined, args });
  return { ws, call, pass: (ms: number) => (wall += ms) };
}

describe('sandbox: Slack rules on triggers and views', () => {
  it('opens a modal with a fresh trigger once; a second use is exchanged_trigger_id', () => {
    const { ws, call } = world();
    const trigger = ws.issueTrigger('UOFFICER1');
    expect(call('views.open', { trigger_id: trigger, view: modal() })).toMatchObject({ ok: true, view: { type: 'modal' } });
    expect(ws.stackOf('UOFFICER1')).toHaveLength(1);
    expect(call('views.open', { trigger_id: trigger, view: modal() })).toEqual({ ok: false, error: 'exchanged_trigger_id' });
  });

  it('refuses a trigger older than 3 s (expired_trigger_id), accepts one just in time', () => {
    const { ws, call, pass } = world();
    const late = ws.issueTrigger('UOFFICER1');
    const inTime = ws.issueTrigger('UOFFICER1');
    pass(TRIGGER_TTL_MS);
    expect(call('views.open', { trigger_id: inTime, view: modal() })).toMatchObject({ ok: true });
    pass(1);
    expect(call('views.open', { trigger_id: late, view: modal() })).toEqual({ ok: false, error: 'expired_trigger_id' });
    expect(ws.problems.at(-1)?.text).toContain('expired_trigger_id');
  });

  it('refuses a trigger it never issued', () => {
    const { call } = world();
    expect(call('views.open', { trigger_id: '123.abc', view: modal() })).toEqual({ ok: false, error: 'invalid_trigger_id' });
  });

  it('stacks three views and refuses a fourth (push_limit_reached)', () => {
    const { ws, call } = world();
    expect(call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('one') })).toMatchObject({ ok: true });
    for (const title of ['two', 'three']) expect(call('views.push', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal(title) })).toMatchObject({ ok: true });
    expect(ws.stackOf('UOFFICER1')).toHaveLength(MAX_STACKED_VIEWS);
    expect(call('views.push', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('four') })).toEqual({ ok: false, error: 'push_limit_reached' });
    expect(ws.stackOf('UOFFICER1').map((v) => (v.view.title as { text: string }).text)).toEqual(['one', 'two', 'three']);
  });

  it('refuses a 25-character title and accepts 24, naming the place as Slack does', () => {
    const { ws, call } = world();
    const refused = call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('x'.repeat(LIMITS.viewTitle + 1)) });
    expect(refused).toEqual({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] } });
    expect(call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('x'.repeat(LIMITS.viewTitle)) })).toMatchObject({ ok: true });
  });

  it('counts characters, not UTF-16 units: 24 Chinese characters are a valid title', () => {
    const { ws, call } = world();
    expect(call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('违'.repeat(24)) })).toMatchObject({ ok: true });
  });

  it('refuses 101 blocks in a modal, 51 in a message, a 3,001-character section and private_metadata over 3,000', () => {
    const { ws, call } = world();
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const manyBlocks = Array.from({ length: LIMITS.viewBlocks + 1 }, () => ({ type: 'divider' }));
    expect(call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('t', manyBlocks) })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    const messageBlocks = Array.from({ length: LIMITS.messageBlocks + 1 }, () => ({ type: 'divider' }));
    expect(call('chat.postMessage', { channel: 'CNOTICES0001', text: 'x', blocks: messageBlocks })).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(call('chat.postMessage', { channel: 'CNOTICES0001', text: 'x', blocks: [section('y'.repeat(3001))] })).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] },
    });
    expect(call('chat.postMessage', { channel: 'CNOTICES0001', text: 'x', blocks: [section('y'.repeat(3000))] })).toMatchObject({ ok: true });
    const metadata = { ...modal(), private_metadata: 'm'.repeat(3001) };
    expect(call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: metadata })).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(ws.messages).toHaveLength(1);
  });

  it('updates a view only with its current hash (hash_conflict)', () => {
    const { ws, call } = world();
    const opened = call('views.open', { trigger_id: ws.issueTrigger('UOFFICER1'), view: modal('one') }) as { view: { id: string; hash: string } };
    expect(call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view: modal('two') })).toMatchObject({ ok: true, view: { id: opened.view.id } });
    expect(call('views.update', { view_id: opened.view.id, hash: opened.view.hash, view: modal('three') })).toEqual({ ok: false, error: 'hash_conflict' });
    expect(call('views.update', { view_id: 'VNOPE', view: modal() })).toEqual({ ok: false, error: 'not_found' });
  });
});

describe('sandbox: Slack rules on messages and the Web API', () => {
  it('fails an unknown method loudly (unknown_method), and says so on the page', () => {
    const { ws, call } = world();
    expect(call('chat.scheduleMessage', { channel: 'CNOTICES0001', text: 'x', post_at: 1 })).toEqual({ ok: false, error: 'unknown_method' });
    expect(ws.problems.at(-1)?.text).toContain('chat.scheduleMessage');
  });

  it('wants the bot token: none is not_authed, another is invalid_auth', () => {
    const { call } = world();
    expect(call('auth.test', {}, null)).toEqual({ ok: false, error: 'not_authed' });
    expect(call('auth.test', {}, 'xoxb-someone-else')).toEqual({ ok: false, error: 'invalid_auth' });
    expect(call('auth.test', {})).toMatchObject({ ok: true, user_id: 'USANDBOXBOT' });
  });

  it('posts to a person by user id into their DM with the bot; unknown channels are channel_not_found', () => {
    const { ws, call } = world();
    expect(call('chat.postMessage', { channel: 'UPARTNERA1', text: 'hello' })).toMatchObject({ ok: true, channel: 'DUPARTNERA1' });
    expect(ws.visible('UPARTNERA1', 'DUPARTNERA1').map((m) => m.text)).toEqual(['hello']);
    expect(ws.visible('UOFFICER1', 'DUPARTNERA1')).toEqual([]);
    expect(call('chat.postMessage', { channel: 'CNOSUCH00001', text: 'x' })).toEqual({ ok: false, error: 'channel_not_found' });
    expect(call('chat.postMessage', { channel: 'CNOTICES0001' })).toEqual({ ok: false, error: 'no_text' });
  });

  it('changes a public message with chat.update but never an ephemeral one', () => {
    const { ws, call } = world();
    const posted = call('chat.postMessage', { channel: 'CAPPROVALS01', text: 'v1' }) as { ts: string };
    expect(call('chat.update', { channel: 'CAPPROVALS01', ts: posted.ts, text: 'v2' })).toMatchObject({ ok: true });
    expect(ws.find('CAPPROVALS01', posted.ts)).toMatchObject({ text: 'v2', edited: true });
    const eph = call('chat.postEphemeral', { channel: 'CAPPROVALS01', user: 'UOFFICER1', text: 'only you' }) as { message_ts: string };
    expect(call('chat.update', { channel: 'CAPPROVALS01', ts: eph.message_ts, text: 'changed' })).toEqual({ ok: false, error: 'message_not_found' });
    expect(ws.visible('UAPPROVER1', 'CAPPROVALS01').map((m) => m.text)).toEqual(['v2']);
    expect(ws.visible('UOFFICER1', 'CAPPROVALS01').map((m) => m.text)).toEqual(['v2', 'only you']);
  });

  it('lets a response_url be used 5 times within 30 minutes', () => {
    const { ws, pass } = world();
    const id = ws.issueResponseUrl({ user: 'UOFFICER1', channel: 'DUOFFICER1' });
    for (let i = 0; i < RESPONSE_URL_USES; i++) ws.useResponseUrl(id);
    expect(() => ws.useResponseUrl(id)).toThrow('used_url');
    const other = ws.issueResponseUrl({ user: 'UOFFICER1', channel: 'DUOFFICER1' });
    pass(30 * 60 * 1000 + 1);
    expect(() => ws.useResponseUrl(other)).toThrow('expired_url');
  });

  it('knows the slash commands manifest.yml declares, no more, no fewer', async () => {
    const manifest = parse(await readFile(new URL('../../manifest.yml', import.meta.url), 'utf8')) as { features: { slash_commands: { command: string }[] } };
    expect([...SLASH_COMMANDS].sort()).toEqual(manifest.features.slash_commands.map((c) => c.command).sort());
  });
});

describe('sandbox: block types', () => {
  it('refuses a block type Slack does not know (invalid_blocks) and takes the ones it does', () => {
    const { call } = world();
    expect(call('chat.postMessage', { channel: 'CNOTICES0001', text: 'x', blocks: [{ type: 'video_preview_of_the_future' }] })).toEqual({
      ok: false,
      error: 'invalid_blocks',
      response_metadata: { messages: ['[ERROR] unknown block type "video_preview_of_the_future" [json-pointer:/blocks/0/type]'] },
    });
    expect(call('chat.postMessage', { channel: 'CNOTICES0001', text: 'x', blocks: [{ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'h' } }] })).toMatchObject({ ok: true });
  });
});

describe('sandbox: channel membership', () => {
  it('keeps the approvals channel to staff; everyone reads the notices channel', () => {
    const { ws, call } = world();
    call('chat.postMessage', { channel: 'CAPPROVALS01', text: 'approve V-1?' });
    call('chat.postMessage', { channel: 'CNOTICES0001', text: 'notice' });
    expect(ws.visible('UAPPROVER1', 'CAPPROVALS01')).toHaveLength(1);
    expect(ws.visible('UPARTNERA1', 'CAPPROVALS01')).toEqual([]);
    expect(ws.visible('UPARTNERA1', 'CNOTICES0001')).toHaveLength(1);
    expect(call('chat.postEphemeral', { channel: 'CAPPROVALS01', user: 'UPARTNERA1', text: 'x' })).toEqual({ ok: false, error: 'user_not_in_channel' });
  });
});
