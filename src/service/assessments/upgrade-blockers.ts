import type { LocalDate } from '../../domain/dates.ts';
import type { Restriction } from '../../domain/restrictions/restriction.ts';
import { upgradeBlockersOn } from '../../domain/restrictions/upgrade-block.ts';
import { partnerStanding } from '../rules/partner-standing.ts';
import type { RulesDeps } from '../rules/rules-deps.ts';

/**
 * R-RESTRICT, R-LATE: the restrictions that stop an upgrade of the partner on
 * a day — the stored sanction restrictions and an unpaid penalty past its
 * term, exactly as `partner standing` shows them — read as the system, which
 * may see every partner.
 */
export async function upgradeBlockers(deps: RulesDeps, partnerId: string, on: LocalDate): Promise<Restriction[]> {
  const standing = await partnerStanding(deps, { partnerId, on, viewer: { platform: 'cli', userId: 'system' } });
  return upgradeBlockersOn(standing.restrictions, on);
}
