// manifest.yml declares everything the app registers, so an app created from
// it in Slack's "create from manifest" reaches every listener.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import type { SlackContext } from '../../src/slack/slack-context.ts';
import { createTestLogger } from '../support/fake-slack.ts';
import { ACTIONS, COMMANDS, INPUTS, VIEWS } from '../../src/slack/action-ids.ts';
import { actionListeners } from '../../src/slack/listeners/actions/index.ts';
import { commandListeners } from '../../src/slack/listeners/commands/index.ts';
import { eventListeners } from '../../src/slack/listeners/events/index.ts';
import { optionsListeners } from '../../src/slack/listeners/options/index.ts';
import { viewListeners } from '../../src/slack/listeners/views/index.ts';

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

/** What createSlackApp really registers with Bolt, read off App's own methods. */
interface Registered {
  commands: string[];
  actions: string[];
  views: string[];
  options: string[];
  events: string[];
}

/** A registration without an id: the fallback that acks what no listener handles (src/slack/listeners/fallback). */
const ANY = '(any unknown id)';

function constraintId(c: unknown, key: 'action_id' | 'callback_id'): string {
  if (typeof c === 'string') return c;
  const id = (c as Record<string, unknown>)[key];
  return id === undefined ? ANY : String(id);
}

/** The ids registered, without the fallback. */
const ids = (xs: string[]) => xs.filter((x) => x !== ANY);

const registered: Registered = { commands: [], actions: [], views: [], options: [], events: [] };
beforeAll(() => {
  const spies = [
    vi.spyOn(App.prototype, 'command').mockImplementation(function (this: App, name: unknown) {
      registered.commands.push(String(name));
      return this;
    } as never),
    vi.spyOn(App.prototype, 'action').mockImplementation(function (this: App, c: unknown) {
      registered.actions.push(constraintId(c, 'action_id'));
      return this;
    } as never),
    vi.spyOn(App.prototype, 'view').mockImplementation(function (this: App, c: unknown) {
      registered.views.push(constraintId(c, 'callback_id'));
      return this;
    } as never),
    vi.spyOn(App.prototype, 'options').mockImplementation(function (this: App, c: unknown) {
      registered.options.push(constraintId(c, 'action_id'));
      return this;
    } as never),
    vi.spyOn(App.prototype, 'event').mockImplementation(function (this: App, name: unknown) {
      registered.events.push(String(name));
      return this;
    } as never),
  ];
  const ctx = {
    config: { botToken: 'xoxb-manifest', signingSecret: 'manifest-secret', appToken: undefined, slackApiUrl: 'http://127.0.0.1:1/api/', channels: { notices: 'C1', approvals: 'C2' }, defaultLocale: 'en', port: 0 },
    logger: silentLogger,
    boltLogger: createTestLogger(),
  } as unknown as SlackContext;
  createSlackApp(ctx);
  for (const s of spies) s.mockRestore();
});
afterAll(() => vi.restoreAllMocks());

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
const EVENTS_URL = 'https://YOUR-HOST/slack/events';

describe('manifest.yml', () => {
  it('declares every slash command the app answers, each sent to /slack/events', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command).sort();
    expect(declared).toEqual([...registered.commands].sort());
    expect(declared).toEqual(Object.keys(commandListeners).sort());
    expect(declared).toEqual(Object.values(COMMANDS).sort());
    for (const c of manifest.features.slash_commands) {
      expect(c.url).toBe(EVENTS_URL);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('turns interactivity on for the buttons and modals, with the options URL for the partner picker', () => {
    expect(registered.actions.length).toBeGreaterThan(0);
    expect(registered.views.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity).toMatchObject({ is_enabled: true, request_url: EVENTS_URL });
    expect(ids(registered.options)).toEqual([INPUTS.partner]);
    expect(Object.keys(optionsListeners)).toEqual([INPUTS.partner]);
    expect(manifest.settings.interactivity.message_menu_options_url).toBe(EVENTS_URL);
  });

  it('subscribes to every event the app listens to, with App Home enabled', () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe(EVENTS_URL);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([...registered.events].sort());
    expect(registered.events.sort()).toEqual(Object.keys(eventListeners).sort());
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for the bot scopes the app uses, and starts in HTTP mode', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['chat:write', 'chat:write.public', 'commands', 'files:read', 'files:write', 'im:write', 'users:read']);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it('has a listener registered for every action id and view callback id the app renders, and none besides', () => {
    expect(ids(registered.actions).sort()).toEqual(Object.values(ACTIONS).sort());
    expect(ids(registered.views).sort()).toEqual(Object.values(VIEWS).sort());
    // Besides those, one fallback of each kind, which acks a stale button, modal or menu (test/security/unknown-ids.test.ts).
    for (const kind of ['actions', 'views', 'options'] as const) expect({ kind, fallbacks: registered[kind].filter((x) => x === ANY).length }).toEqual({ kind, fallbacks: 1 });
    expect(Object.keys(actionListeners).sort()).toEqual(Object.values(ACTIONS).sort());
    expect(Object.keys(viewListeners).sort()).toEqual(Object.values(VIEWS).sort());
  });
});
