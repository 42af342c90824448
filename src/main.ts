import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBot, startupFailure, type ServeConfig } from './bot.ts';
import { loadDingTalkConfig } from './config/dingtalk-config.ts';
import { loadSandboxConfig, loadSharedConfig, runModes, type SandboxConfig } from './config/run-mode.ts';
import { loadSlackConfig } from './config/slack-config.ts';
import { jsonLogger, type Logger } from './logger.ts';

/**
 * `npm start`: the bot for Slack, DingTalk or both, by which credentials are
 * set (issue 12), else the sandbox (issue #9). Either way it says which, and
 * SIGINT/SIGTERM stop it.
 */
async function main(): Promise<void> {
  const logger = jsonLogger();
  const modes = runModes(process.env);
  if (modes.size === 0) return runSandbox(logger);
  let config: ServeConfig;
  try {
    config = {
      ...loadSharedConfig(process.env),
      ...(modes.has('slack') ? { slack: loadSlackConfig(process.env) } : {}),
      ...(modes.has('dingtalk') ? { dingtalk: loadDingTalkConfig(process.env) } : {}),
    };
  } catch (e) {
    process.stderr.write(`${startupFailure(e)}\n`);
    process.exit(1);
  }
  if (config.slack) logger.info('starting for Slack', { mode: config.slack.appToken ? 'socket' : 'http', port: config.port });
  if (config.dingtalk) logger.info('starting for DingTalk', { mode: config.dingtalk.mode, port: config.port, api: config.dingtalk.apiUrl });
  await runUntilSignal(logger, startBot(config, { logger }));
}

/** No Slack credentials: the sandbox (issue #9), the real bot with Slack played in the browser. */
async function runSandbox(logger: Logger): Promise<void> {
  let config: SandboxConfig;
  try {
    config = loadSandboxConfig(process.env);
  } catch (e) {
    process.stderr.write(`${startupFailure(e)}\n`);
    process.exit(1);
  }
  if (config.ignoresDatabaseUrl) logger.warn('DATABASE_URL is set but not used: the sandbox keeps its demo data in its own embedded database');
  logger.info('starting the sandbox (no Slack or DingTalk credentials set)', { mode: 'sandbox', dataDir: config.dataDir, port: config.port });
  process.stdout.write('Sandbox mode: no Slack or DingTalk credentials are set, so the bot starts with Slack played in your browser …\n');
  // Loaded only here: a bot that serves Slack never loads the sandbox.
  const { startSandbox } = await import('./sandbox/start-sandbox.ts');
  const starting = startSandbox({ dataDir: config.dataDir, port: config.port, logger });
  await runUntilSignal(logger, starting, (s) => {
    process.stdout.write(`\nSandbox ready: open ${s.url}/ in a browser.\nTo serve real Slack instead, set SLACK_BOT_TOKEN and the rest (README, "Install in Slack").\n\n`);
  });
}

/** Signals are heard from the start: a stop asked for while starting waits for the start, then stops. */
async function runUntilSignal<T extends { stop(): Promise<void> }>(logger: Logger, starting: Promise<T>, onStarted?: (t: T) => void): Promise<void> {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    starting
      .then((bot) => bot.stop(), () => undefined)
      .then(() => {
        logger.info('stopped', { signal });
        process.exit(0);
      })
      .catch(() => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  try {
    // Not `onStarted?.(await starting)`: without a callback that would never await the start.
    const started = await starting;
    onStarted?.(started);
  } catch (e) {
    logger.error('start failed', { reason: startupFailure(e) });
    process.stderr.write(`${startupFailure(e)}\n`);
    process.exit(1);
  }
}

// Run only as the entry point (`npm start`), not when a test imports startBot.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
