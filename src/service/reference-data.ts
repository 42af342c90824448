import { chineseDaysSeed } from '../calendar/chinese-days-seed.ts';
import type { Db } from '../db/database.ts';
import { loadedYears, replaceCalendarYears } from '../db/repositories/calendar.repository.ts';
import { insertPolicyVersionIfMissing } from '../db/repositories/policy.repository.ts';
import { FY22 } from '../domain/policy/fy22.ts';
import { appendAudit } from './audit/audit-trail.ts';
import type { Clock } from './clock.ts';

export const CALENDAR_PACKAGE_SOURCE = 'chinese-days@1.5.7';

/**
 * Puts in what every database needs and does not have yet: the FY22 policy
 * and its catalog (R-POLICY), and each year of China's calendar the package
 * knows (R-CALENDAR). Never overwrites a year an admin loaded. Idempotent.
 */
export async function ensureReferenceData(db: Db, clock: Clock): Promise<{ policyAdded: boolean; yearsAdded: number[] }> {
  return db.transaction(async (tx) => {
    const policyAdded = await insertPolicyVersionIfMissing(tx, FY22);
    if (policyAdded) {
      await appendAudit(tx, { actor: 'system', action: 'policy.seeded', subject: FY22.id, payload: { items: FY22.catalog.length, effectiveFrom: FY22.effectiveFrom }, at: clock.now() });
    }
    const have = await loadedYears(tx);
    const seed = chineseDaysSeed();
    const missing = seed.years.filter((y) => !have.has(y));
    if (missing.length > 0) {
      const days = seed.days.filter((d) => missing.includes(Number(d.date.slice(0, 4))));
      await replaceCalendarYears(tx, missing, days, CALENDAR_PACKAGE_SOURCE);
      await appendAudit(tx, { actor: 'system', action: 'calendar.seeded', subject: 'calendar', payload: { years: missing, source: CALENDAR_PACKAGE_SOURCE }, at: clock.now() });
    }
    return { policyAdded, yearsAdded: missing };
  });
}
