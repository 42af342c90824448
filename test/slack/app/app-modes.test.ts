import { HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { createSlackApp } from '../../../src/slack/app.ts';
import type { SlackContext } from '../../../src/slack/slack-context.ts';
import { createTestLogger } from '../../support/fake-slack.ts';

function ctx(appToken?: string): SlackContext {
  return {
    config: { botToken: 'xoxb-modes', signingSecret: 'modes-secret', appToken, slackApiUrl: 'http://127.0.0.1:9/api/', channels: { notices: 'C1', approvals: 'C2' }, defaultLocale: 'zh-CN', port: 0 },
    logger: silentLogger,
    boltLogger: createTestLogger(),
  } as unknown as SlackContext;
}

describe('how the app connects to Slack', () => {
  it('serves HTTP (POST /slack/events) when no app-level token is set, with its Web API at SLACK_API_URL', () => {
    const app = createSlackApp(ctx());
    expect((app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(HTTPReceiver);
    expect(app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set (no public URL), and asks Slack nothing before start', () => {
    const app = createSlackApp(ctx('xapp-1-A1-modes'));
    expect((app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });

  it('serves other routes on the same PORT in both modes (DingTalk’s POST /dingtalk/events, issue 12) beside /healthz', () => {
    const route = { path: '/dingtalk/events', method: ['POST'], handler: () => undefined };
    for (const token of [undefined, 'xapp-1-A1-modes']) {
      const app = createSlackApp(ctx(token), { routes: [route] });
      const routes = (app as unknown as { receiver: { routes: Record<string, Record<string, unknown>> } }).receiver.routes;
      expect(Object.keys(routes).sort()).toEqual(['/dingtalk/events', '/healthz']);
      expect(routes['/dingtalk/events']!.POST).toBe(route.handler);
    }
  });
});
