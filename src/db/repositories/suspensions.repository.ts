import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { cases } from '../schema/index.ts';

/** R-SUSPEND: a case of the partner holding its incentive payouts, since when and by whom. */
export interface IncentiveSuspension {
  caseId: string;
  since: Date;
  by: string;
}

/** The partner's cases that hold its incentive payouts now, oldest suspension first. */
export async function suspensionsOf(db: Db, partnerId: string): Promise<IncentiveSuspension[]> {
  const rows = await db
    .select({ caseId: cases.id, since: cases.suspendedAt, by: cases.suspendedBy })
    .from(cases)
    .where(and(eq(cases.partnerId, partnerId), eq(cases.suspended, true)))
    .orderBy(asc(cases.suspendedAt), asc(cases.id));
  // The schema's check keeps `since` and `by` set on every suspended case.
  return rows.map((r) => ({ caseId: r.caseId, since: r.since!, by: r.by! }));
}
