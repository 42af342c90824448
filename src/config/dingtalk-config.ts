import { z } from 'zod';
import { ConfigError } from './slack-config.ts';
import { loadDingTalkH5Config, type DingTalkH5Config } from './dingtalk-h5-config.ts';

/**
 * The DingTalk adapter's settings (issue 12), parsed once at start. The names
 * are fixed so set-up notes and checks can rely on them; a missing or
 * malformed one stops the start with one line that names it.
 */
export interface DingTalkConfig {
  /** The app's AppKey (Client ID). */
  clientId: string;
  /** The app's AppSecret (Client Secret); also the key of HTTP-callback signatures. */
  clientSecret: string;
  robotCode: string;
  /** `stream`: an outbound WebSocket, no public URL; `http`: callbacks at POST /dingtalk/events. */
  mode: 'stream' | 'http';
  /** OpenAPI base, no trailing '/': DingTalk's, or a local fake in tests. */
  apiUrl: string;
  /** Where the Stream gateway's `connections/open` lives (default: apiUrl). */
  streamUrl: string;
  /** Open conversation ids (cid…) of the two groups. */
  conversations: { approvals: string; notices: string };
  /**
   * The one generic interactive-card template (DINGTALK_CARD_TEMPLATE_ID):
   * variables `title`, `markdown` and `buttons` (a JSON string of
   * [{action, value, label, style}]). Unset: messages with buttons are sent
   * as markdown that names the text command doing the same.
   */
  cardTemplateId: string | undefined;
  /** The language of group posts (DEFAULT_LOCALE, as for Slack; default zh-CN). */
  defaultLocale: 'zh-CN' | 'en';
  /** The report form's interactive-card template (DingTalk has no modals); null: `违规 上报` says it is not set up. */
  reportCardTemplateId: string | null;
  /**
   * http mode: the `callbackRouteKey` the cards are created with, registered
   * (POST /v1.0/card/callbacks/register) to this bot's POST /dingtalk/events;
   * without it DingTalk does not know where to send card clicks.
   */
  cardCallbackRouteKey: string | undefined;
  /** The report card's H5 partner picker (dingtalk-h5-config.ts); absent: not set up. */
  h5?: DingTalkH5Config;
}

export const DINGTALK_API_URL = 'https://api.dingtalk.com';

/** The three settings without which there is no DingTalk app to speak as. */
export const DINGTALK_CREDENTIALS = ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE'] as const;

const APP_PAGE = 'DingTalk developer console (open-dev.dingtalk.com) → your app';

/** How to fix each setting, appended to whatever is wrong with it. */
const HOW_TO_FIX: Record<string, string> = {
  DINGTALK_CLIENT_ID: `set it to the Client ID (AppKey) from the ${APP_PAGE} → Credentials`,
  DINGTALK_CLIENT_SECRET: `set it to the Client Secret (AppSecret) from the ${APP_PAGE} → Credentials`,
  DINGTALK_ROBOT_CODE: `set it to the RobotCode from the ${APP_PAGE} → Robot (for an internal app it is usually the Client ID)`,
  DINGTALK_MODE: 'set it to stream (no public URL needed) or http (callbacks at POST /dingtalk/events), or leave it unset for stream',
  DINGTALK_API_URL: 'leave it unset for DingTalk itself, or give an http(s) URL such as http://127.0.0.1:9999',
  DINGTALK_STREAM_URL: 'leave it unset to use DINGTALK_API_URL, or give an http(s) URL such as http://127.0.0.1:9999',
  DINGTALK_APPROVALS_CONVERSATION: 'set it to the open conversation id (cid…) of the approvals group, with the robot added to the group',
  DINGTALK_REPORT_CARD_TEMPLATE_ID: 'set it to the id of the report-form card template made in the DingTalk card builder (see the README), or leave it unset',
  DINGTALK_NOTICES_CONVERSATION: 'set it to the open conversation id (cid…) of the public-notices group, with the robot added to the group',
  DINGTALK_CARD_CALLBACK_ROUTE_KEY: 'in http mode, set it to the callbackRouteKey you registered for POST /dingtalk/events (see the README), or leave it unset in stream mode',
  DINGTALK_CARD_TEMPLATE_ID: 'set it to the id of the card template made in the DingTalk card platform (variables title, markdown, buttons; see the README), or leave it unset to send markdown only',
  DEFAULT_LOCALE: 'set it to zh-CN or en (or leave it unset for zh-CN)',
};

const noSpaces = (what: string) => z.string({ error: 'is missing' }).regex(/^\S+$/, `must be the ${what} (no spaces)`);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));
const conversation = z.string({ error: 'is missing' }).regex(/^cid\S+$/, 'must be an open conversation id starting with cid, not a group name');

export const dingtalkEnvSchema = z.object({
  DINGTALK_CLIENT_ID: noSpaces('Client ID'),
  DINGTALK_CLIENT_SECRET: noSpaces('Client Secret'),
  DINGTALK_ROBOT_CODE: noSpaces('robot code'),
  DINGTALK_MODE: z.enum(['stream', 'http'], { error: 'must be stream or http' }).default('stream'),
  DINGTALK_API_URL: httpUrl.default(DINGTALK_API_URL),
  DINGTALK_STREAM_URL: httpUrl.optional(),
  DINGTALK_APPROVALS_CONVERSATION: conversation,
  DINGTALK_NOTICES_CONVERSATION: conversation,
  DINGTALK_CARD_TEMPLATE_ID: z.string().regex(/^\S+$/, 'must be a card template id (no spaces)').optional(),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).default('zh-CN'),
  DINGTALK_REPORT_CARD_TEMPLATE_ID: noSpaces('card template id').optional(),
  DINGTALK_CARD_CALLBACK_ROUTE_KEY: noSpaces('card callback route key').optional(),
});

/** Empty values count as unset (as for Slack). */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
}

/** "DingTalk configured" = its three credentials are all set. */
export function dingtalkConfigured(env: NodeJS.ProcessEnv): boolean {
  return DINGTALK_CREDENTIALS.every((k) => (env[k] ?? '').trim() !== '');
}

/** Any DingTalk credential set: the operator means DingTalk, so a missing one is an error, not "not configured". */
export function dingtalkIntended(env: NodeJS.ProcessEnv): boolean {
  return DINGTALK_CREDENTIALS.some((k) => (env[k] ?? '').trim() !== '');
}

/** Reads the environment; throws ConfigError naming the first bad setting. */
export function loadDingTalkConfig(env: NodeJS.ProcessEnv): DingTalkConfig {
  const values = present(env);
  const parsed = dingtalkEnvSchema.safeParse(values);
  if (!parsed.success) {
    // The credentials first, in their fixed order: "which one is missing" is the common mistake.
    const issues = [...parsed.error.issues].sort((a, b) => order(a.path[0]) - order(b.path[0]));
    const issue = issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    const what = values[variable] === undefined ? 'is missing' : issue.message;
    throw new ConfigError(variable, `${variable} ${what}: ${HOW_TO_FIX[variable] ?? 'see the README, DingTalk set-up'}.`);
  }
  const e = parsed.data;
  const h5 = loadDingTalkH5Config(env);
  return {
    clientId: e.DINGTALK_CLIENT_ID,
    clientSecret: e.DINGTALK_CLIENT_SECRET,
    robotCode: e.DINGTALK_ROBOT_CODE,
    mode: e.DINGTALK_MODE,
    apiUrl: e.DINGTALK_API_URL,
    streamUrl: e.DINGTALK_STREAM_URL ?? e.DINGTALK_API_URL,
    conversations: { approvals: e.DINGTALK_APPROVALS_CONVERSATION, notices: e.DINGTALK_NOTICES_CONVERSATION },
    cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
    defaultLocale: e.DEFAULT_LOCALE,
    reportCardTemplateId: e.DINGTALK_REPORT_CARD_TEMPLATE_ID ?? null,
    cardCallbackRouteKey: e.DINGTALK_CARD_CALLBACK_ROUTE_KEY,
    ...(h5 ? { h5 } : {}),
  };
}

const ORDER = Object.keys(HOW_TO_FIX);
function order(key: PropertyKey | undefined): number {
  const i = ORDER.indexOf(String(key));
  return i === -1 ? ORDER.length : i;
}
