import type { LocalDate } from '../dates.ts';
import { BLOCKED_BY } from '../requests/partner-request.ts';
import { restrictionsInForce, type Restriction } from './restriction.ts';

/**
 * Is an assessment's upgrade blocked on day `on` (R-RESTRICT, R-LATE)? The
 * restrictions in force that block an upgrade request block it too (one
 * table, BLOCKED_BY), empty when it may go ahead. `until` is exclusive: on
 * that day the upgrade is no longer blocked.
 */
export function upgradeBlockersOn(all: readonly Restriction[], on: LocalDate): Restriction[] {
  return restrictionsInForce(all, on).filter((r) => BLOCKED_BY.upgrade.includes(r.kind));
}
