import { userInfo } from 'node:os';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadPolicyVersions } from '../db/repositories/policy.repository.ts';
import { databaseEnvSchema } from '../config/database-config.ts';
import type { PolicyVersion } from '../domain/policy/policy-version.ts';
import { DomainError } from '../domain/errors.ts';
import { systemClock, type Clock } from '../service/clock.ts';
import { ensureReferenceData } from '../service/reference-data.ts';
import { CalendarCache } from '../service/calendar/calendar-cache.ts';
import type { Actor } from '../service/access/actor.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import { noJobScheduler } from '../service/jobs-port.ts';

export interface CliContext {
  database: Database;
  policies: readonly PolicyVersion[];
  clock: Clock;
  actor: string;
  /** The procedure's dependencies; the CLI has no job queue, so deadlines wait for `sweep`. */
  cases: CaseDeps;
}

/** The operator as the service sees them: the CLI platform, with every staff role (src/service/access/actor.ts). */
export function cliActor(ctx: CliContext): Actor {
  return { platform: 'cli', userId: ctx.actor.replace(/^cli:/, '') };
}

export function caseDepsFor(database: Database, policies: readonly PolicyVersion[], clock: Clock): CaseDeps {
  return { db: database.db, policies, clock, calendar: new CalendarCache(), jobs: noJobScheduler };
}

/** Opens the configured database, brings it up to date, and loads the policy versions. */
export async function openCliContext(env: NodeJS.ProcessEnv, clock: Clock = systemClock): Promise<CliContext> {
  const parsed = databaseEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('config.invalid', `${issue.path.join('.')} ${issue.message}`);
  }
  const database = await openDatabase({ databaseUrl: parsed.data.DATABASE_URL, dataDir: parsed.data.DATA_DIR });
  try {
    await migrateDatabase(database);
    await ensureReferenceData(database.db, clock);
    const policies = await loadPolicyVersions(database.db);
    return { database, policies, clock, actor: `cli:${env.VIOLATION_ACTOR ?? safeUser()}`, cases: caseDepsFor(database, policies, clock) };
  } catch (e) {
    await database.close();
    throw e;
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
