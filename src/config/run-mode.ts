import { join } from 'node:path';
import { z } from 'zod';
import { databaseEnvSchema } from './database-config.ts';
import { dingtalkIntended } from './dingtalk-config.ts';
import { ConfigError } from './slack-config.ts';

/**
 * `npm start` serves Slack when any Slack credential is set, DingTalk when
 * any DingTalk credential is set (issue 12), both when both are (a missing
 * one is then reported by that platform's config), and runs the sandbox only
 * when neither is: the sandbox can never start where a Slack or DingTalk
 * credential is set.
 */
export type RunMode = 'slack' | 'sandbox';

/** A chat platform the bot serves. */
export type Served = 'slack' | 'dingtalk';

const SLACK_CREDENTIALS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

export function slackIntended(env: NodeJS.ProcessEnv): boolean {
  return SLACK_CREDENTIALS.some((k) => (env[k] ?? '').trim() !== '');
}

/** The platforms to serve; empty = the sandbox. */
export function runModes(env: NodeJS.ProcessEnv): Set<Served> {
  const modes = new Set<Served>();
  if (slackIntended(env)) modes.add('slack');
  if (dingtalkIntended(env)) modes.add('dingtalk');
  return modes;
}

/** The sandbox or not, as before issue 12 (any chat credential → not the sandbox). */
export function runMode(env: NodeJS.ProcessEnv): RunMode | 'dingtalk' {
  const modes = runModes(env);
  if (modes.size === 0) return 'sandbox';
  return modes.has('slack') ? 'slack' : 'dingtalk';
}

/** What every served platform shares: one database, one HTTP port. */
export interface SharedConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
}

const sharedSchema = databaseEnvSchema.extend({
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(65535, 'must be at most 65535').default(3000),
});

const SHARED_FIX: Record<string, string> = {
  PORT: 'set it to a TCP port number between 1 and 65535 (or leave it unset for 3000)',
  DATABASE_URL: 'leave it unset for the embedded database, or give a postgres:// URL',
  DATA_DIR: 'give a folder for the embedded database (default ./.data)',
};

export function loadSharedConfig(env: NodeJS.ProcessEnv): SharedConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== '').map(([k, v]) => [k, v!.trim()]));
  const parsed = sharedSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(variable, `${variable} ${issue.message}: ${SHARED_FIX[variable] ?? 'see the README'}.`);
  }
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR, port: parsed.data.PORT };
}

export interface SandboxConfig {
  port: number;
  /** Its own embedded database, never the bot's: `<DATA_DIR>/sandbox`. */
  dataDir: string;
  /** DATABASE_URL is set but not used (the sandbox's demo data never goes to a real database). */
  ignoresDatabaseUrl: boolean;
}

const port = z.coerce.number().int().min(1).max(65535).default(3000);

export function loadSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const parsed = port.safeParse(env.PORT?.trim() || undefined);
  if (!parsed.success) throw new ConfigError('PORT', 'PORT must be a TCP port number between 1 and 65535 (or leave it unset for 3000).');
  return {
    port: parsed.data,
    dataDir: join(env.DATA_DIR?.trim() || './.data', 'sandbox'),
    ignoresDatabaseUrl: (env.DATABASE_URL ?? '').trim() !== '',
  };
}
