import type { Db } from '../../db/database.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { CalendarCache } from '../calendar/calendar-cache.ts';
import type { Actor } from '../access/actor.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';

/** Everything a procedure step needs, passed in (STYLE: no hidden globals). */
export interface CaseDeps {
  db: Db;
  policies: readonly PolicyVersion[];
  clock: Clock;
  calendar: CalendarCache;
  jobs: JobScheduler;
}

/** A staff step on one case, idempotent by its key. */
export interface CaseCommand {
  key: string;
  actor: Actor;
  caseId: string;
}
