import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import type { Database, Db } from '../../src/db/database.ts';
import { loadPolicyVersions } from '../../src/db/repositories/policy.repository.ts';
import type { PolicyVersion } from '../../src/domain/policy/policy-version.ts';
import { fixedClock, type Clock } from '../../src/service/clock.ts';
import type { ImportDeps } from '../../src/service/imports/import-file.ts';
import { ensureReferenceData } from '../../src/service/reference-data.ts';
import type { RulesDeps } from '../../src/service/rules/rules-deps.ts';

/** What every bench section gets: the database, use-case dependencies, and one run id to keep its data apart. */
export interface BenchContext {
  database: Database;
  /** The database's URL, for pg-boss's own pool. Never printed. */
  databaseUrl: string;
  db: Db;
  clock: Clock;
  policies: readonly PolicyVersion[];
  deps: ImportDeps & { policies: readonly PolicyVersion[] };
  rules: RulesDeps;
  /** Unique per run, so a kept BENCH_DATABASE_URL can be reused. */
  runId: string;
  /** The partner carrying the large history, once the history section has built it. */
  partnerId: string;
}

/** Noon in Shanghai on 2026-06-01: the generated history ends the day before. */
export const BENCH_NOW = '2026-06-01T04:00:00Z';

export async function benchContext(database: Database, databaseUrl: string): Promise<BenchContext> {
  const clock = fixedClock(BENCH_NOW);
  await ensureReferenceData(database.db, clock);
  const policies = await loadPolicyVersions(database.db);
  const runId = Date.now().toString(36).toUpperCase();
  return {
    database,
    databaseUrl,
    db: database.db,
    clock,
    policies,
    deps: { db: database.db, clock, actor: 'bench', policies },
    rules: { db: database.db, clock, policies, calendar: new CalendarCache() },
    runId,
    partnerId: `BENCH-${runId}`,
  };
}
