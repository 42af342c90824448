// Shared by the security tests: what the bot left in the database, when its
// listeners are done, and what must never reach a person or a log line.
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.ts';
import type { Bot } from '../slack/e2e/harness.ts';
import { query } from '../support/service-fixtures.ts';

/** Rows in every table of the schema (cases, determinations, outbox, deadlines, audit_events, command_log, … all of them). */
export async function allRowCounts(db: Db): Promise<Record<string, number>> {
  const tables = await query<{ t: string }>(db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const names = tables.map((r) => r.t).filter((t) => /^[a-z_][a-z0-9_]*$/.test(t));
  const [row] = await query<Record<string, number>>(db, sql.raw(`select ${names.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`));
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/**
 * Listeners ack first and work after, so an HTTP answer says nothing about
 * writes. A global middleware counts listener runs still going; `settled()`
 * resolves when none is.
 */
export function trackListeners(bot: Bot): { settled(timeoutMs?: number): Promise<void>; readonly running: number } {
  let running = 0;
  bot.app.use(async ({ next }) => {
    running += 1;
    try {
      await next();
    } finally {
      running -= 1;
    }
  });
  return {
    get running() {
      return running;
    },
    async settled(timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      // Two quiet looks in a row: a request just answered may not have entered the middleware yet.
      let quiet = 0;
      while (quiet < 2) {
        if (Date.now() > until) throw new Error(`listeners still running after ${timeoutMs} ms: ${running}`);
        await new Promise((r) => setTimeout(r, 10));
        quiet = running === 0 ? quiet + 1 : 0;
      }
    },
  };
}

/** A stack frame (`    at fn (file.ts:1:2)`) or a source path: never shown to a person. */
export const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)|\.ts:\d+|node_modules|TypeError|ReferenceError|SyntaxError/;

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
