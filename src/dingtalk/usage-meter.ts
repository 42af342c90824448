import { shanghaiDateOf } from '../domain/dates.ts';
import { addApiUsage } from '../db/repositories/dingtalk.repository.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { systemClock, type Clock } from '../service/clock.ts';

/** Counts one OpenAPI call; must never slow or fail the call it counts. */
export interface ApiMeter {
  count(api: string): void;
}

export const noMeter: ApiMeter = { count: () => {} };

/** YYYY-MM of an instant in Asia/Shanghai: DingTalk's quota runs by natural month in China. */
export function usageMonthOf(instant: Date): string {
  return shanghaiDateOf(instant).slice(0, 7);
}

/**
 * Every DingTalk OpenAPI call, per month and API (issue 12: the free edition
 * has a monthly quota). Counting is a Map increment on the send path; the
 * counts reach the database in one upsert at most every `flushEveryMs`, and
 * on `flush()`/`close()`. A failed write keeps the counts for the next try.
 */
export class DbUsageMeter implements ApiMeter {
  private readonly pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly flushEveryMs: number;
  private readonly logger: Logger | undefined;

  constructor(db: Db, opts: { clock?: Clock; flushEveryMs?: number; logger?: Logger } = {}) {
    this.db = db;
    this.clock = opts.clock ?? systemClock;
    this.flushEveryMs = opts.flushEveryMs ?? 2000;
    this.logger = opts.logger;
  }

  count(api: string): void {
    const key = `${usageMonthOf(this.clock.now())}\t${api}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.flushEveryMs);
      this.timer.unref();
    }
  }

  /** Writes what has been counted so far; resolves when it is in the database (or kept for a retry). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async writePending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = [...this.pending].map(([key, calls]) => {
      const [month, api] = key.split('\t') as [string, string];
      return { key, month, api, calls };
    });
    this.pending.clear();
    try {
      await addApiUsage(this.db, batch, this.clock.now());
    } catch (e) {
      for (const b of batch) this.pending.set(b.key, (this.pending.get(b.key) ?? 0) + b.calls);
      this.logger?.warn('dingtalk usage not recorded yet; will retry', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}
