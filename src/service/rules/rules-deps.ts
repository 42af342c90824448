import type { Db } from '../../db/database.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { CalendarCache } from '../calendar/calendar-cache.ts';
import type { Clock } from '../clock.ts';

/** What the rules use cases need: the database, the policy versions (loaded once), the clock, the working days (R-PERIOD). */
export interface RulesDeps {
  db: Db;
  policies: readonly PolicyVersion[];
  clock: Clock;
  calendar: CalendarCache;
}
