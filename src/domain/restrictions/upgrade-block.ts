import type { LocalDate } from '../dates.ts';
import { restrictionsInForce, type Restriction, type RestrictionKind } from './restriction.ts';

/**
 * R-RESTRICT: what stops an upgrade — the no-upgrade restriction of a class-1
 * (kept) or class-2/3 sanction (§5.5.5, §5.5.6) — and R-LATE: an unpaid late
 * penalty restricts the partner until paid.
 */
export const UPGRADE_BLOCKING_KINDS: readonly RestrictionKind[] = ['no_upgrade', 'late_payment'];

/**
 * Is an upgrade blocked on day `on`? The restrictions in force that block it
 * (one per kind, the one that ends last), empty when the upgrade may go ahead.
 * `until` is exclusive: on that day the upgrade is no longer blocked.
 * (Issue 11: the assessment's check; the upgrade request has its own and the two meet at merge.)
 */
export function upgradeBlockersOn(all: readonly Restriction[], on: LocalDate): Restriction[] {
  return restrictionsInForce(all, on).filter((r) => UPGRADE_BLOCKING_KINDS.includes(r.kind));
}
