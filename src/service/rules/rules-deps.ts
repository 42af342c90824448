import type { Db } from '../../db/database.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { Clock } from '../clock.ts';

/** What the rules use cases need: the database, the policy versions (loaded once), the clock. */
export interface RulesDeps {
  db: Db;
  policies: readonly PolicyVersion[];
  clock: Clock;
}
