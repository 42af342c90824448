import { z } from 'zod';
import { databaseEnvSchema } from './database-config.ts';

/**
 * The bot's settings, parsed once at start (issue #4). A missing or malformed
 * value stops the start with one line that names it and says how to fix it.
 */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Set → Socket Mode (no public URL needed). */
  appToken: string | undefined;
  /** Another Web API base, e.g. a local fake in tests; always ends with '/'. */
  slackApiUrl: string | undefined;
  channels: { notices: string; approvals: string };
  defaultLocale: 'zh-CN' | 'en';
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
}

const INSTALL = 'see docs/notes/slack-install.md';

/** How to fix each setting, appended to whatever is wrong with it. */
const HOW_TO_FIX: Record<string, string> = {
  SLACK_BOT_TOKEN: `set it to the Bot User OAuth Token (xoxb-…) from your app's "OAuth & Permissions" page; ${INSTALL}`,
  SLACK_SIGNING_SECRET: `set it to the Signing Secret from your app's "Basic Information" page; ${INSTALL}`,
  SLACK_APP_TOKEN: `leave it unset for HTTP mode, or set an app-level token (xapp-…) with the connections:write scope for Socket Mode; ${INSTALL}`,
  SLACK_API_URL: 'leave it unset for Slack itself, or give an http(s) URL such as http://127.0.0.1:9999/api/',
  NOTICES_CHANNEL: 'set it to the ID of the public-notices channel (open the channel → its name → About → Channel ID, e.g. C0123456789)',
  APPROVALS_CHANNEL: 'set it to the ID of the approvals channel (open the channel → its name → About → Channel ID, e.g. C0123456789)',
  DEFAULT_LOCALE: 'set it to zh-CN or en (or leave it unset for zh-CN)',
  PORT: 'set it to a TCP port number between 1 and 65535 (or leave it unset for 3000)',
  DATABASE_URL: 'leave it unset for the embedded database, or give a postgres:// URL',
  DATA_DIR: 'give a folder for the embedded database (default ./.data)',
};

const channelId = z.string({ error: 'is missing' }).regex(/^[CG][A-Z0-9]{6,}$/, 'must be a channel ID such as C0123456789, not a name');

export const slackEnvSchema = databaseEnvSchema.extend({
  SLACK_BOT_TOKEN: z.string({ error: 'is missing' }).regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string({ error: 'is missing' }).regex(/^\S{8,}$/, 'must be the signing secret (at least 8 characters, no spaces)'),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  NOTICES_CHANNEL: channelId,
  APPROVALS_CHANNEL: channelId,
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en'], { error: 'must be zh-CN or en' }).default('zh-CN'),
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(65535, 'must be at most 65535').default(3000),
});

/** The one line a person reads when the start is refused. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(message);
    this.variable = variable;
  }
}

/** Reads the environment; throws ConfigError naming the first bad setting. Empty values count as unset. */
export function loadSlackConfig(env: NodeJS.ProcessEnv): SlackConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
  const parsed = slackEnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    const what = present[variable] === undefined ? 'is missing' : issue.message;
    throw new ConfigError(variable, `${variable} ${what}: ${HOW_TO_FIX[variable] ?? INSTALL}.`);
  }
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL === undefined ? undefined : e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
    channels: { notices: e.NOTICES_CHANNEL, approvals: e.APPROVALS_CHANNEL },
    defaultLocale: e.DEFAULT_LOCALE,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
  };
}
