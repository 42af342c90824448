import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRateLimitedSlack } from '../../test/support/rate-limited-slack.ts';
import { startBotProcess } from '../support/bot-process.ts';
import type { Measurement } from '../support/report.ts';
import type { BenchSection } from './section.ts';

const SETTLE_MS = 5000;
const TARGET_MB = 200;

/**
 * Issue 10's memory: the resident set of the whole bot as production starts
 * it (`node src/main.ts`, no npm or tsx above it), idle after its start, on
 * PostgreSQL and on the embedded PGlite. The fan-out section prints the RSS
 * after 5,000 deliveries.
 */
export const memorySection: BenchSection = {
  name: 'memory',
  async run(ctx, log) {
    const out: Measurement[] = [];
    const slack = await startRateLimitedSlack({ perSecond: {} });
    const dir = await mkdtemp(join(tmpdir(), 'vt-bench-memory-'));
    const common = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: 'bench-signing-secret', SLACK_API_URL: slack.url, NOTICES_CHANNEL: 'CNOTICES', APPROVALS_CHANNEL: 'CAPPROVALS' };
    try {
      for (const [backend, env] of [
        ['PostgreSQL', { DATABASE_URL: ctx.databaseUrl }],
        ['PGlite', { DATA_DIR: dir }],
      ] as const) {
        const bot = await startBotProcess({ ...common, ...env });
        try {
          await new Promise((r) => setTimeout(r, SETTLE_MS));
          const rss = await bot.rssMb();
          log(`  ${backend}: node src/main.ts, pid ${bot.pid}, idle RSS ${rss.toFixed(0)} MB (${SETTLE_MS / 1000} s after "bot started")`);
          out.push({ section: 'memory', name: `bot idle RSS, ${backend}`, value: rss, unit: 'MB', ...(backend === 'PostgreSQL' ? { target: { kind: 'max' as const, value: TARGET_MB } } : {}) });
        } finally {
          await bot.stop();
        }
      }
    } finally {
      await slack.close();
      await rm(dir, { recursive: true, force: true });
    }
    return out;
  },
};
