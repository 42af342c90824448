import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './slack-config.ts';

/**
 * `npm start` runs the bot for Slack when any Slack credential is set (a
 * missing one is then reported, as before), and the sandbox when none is:
 * the sandbox can never start where a token is set.
 */
export type RunMode = 'slack' | 'sandbox';

const SLACK_CREDENTIALS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

export function runMode(env: NodeJS.ProcessEnv): RunMode {
  return SLACK_CREDENTIALS.some((k) => (env[k] ?? '').trim() !== '') ? 'slack' : 'sandbox';
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
