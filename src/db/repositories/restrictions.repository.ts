import { and, eq, isNull } from 'drizzle-orm';
import type { Restriction } from '../../domain/restrictions/restriction.ts';
import type { Db } from '../database.ts';
import { restrictions } from '../schema/index.ts';

/** Every restriction imposed on the partner and not lifted early. */
export async function restrictionsOf(db: Db, partnerId: string): Promise<Restriction[]> {
  const rows = await db
    .select()
    .from(restrictions)
    .where(and(eq(restrictions.partnerId, partnerId), isNull(restrictions.liftedAt)))
    .orderBy(restrictions.startsOn);
  return rows.map((r) => ({ kind: r.kind, from: r.startsOn, until: r.endsOn, rule: r.rule, caseId: r.caseId }));
}

export async function insertRestrictions(db: Db, partnerId: string, caseId: string | null, list: Restriction[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(restrictions).values(
    list.map((r) => ({ partnerId, caseId, kind: r.kind, startsOn: r.from, endsOn: r.until, rule: r.rule })),
  );
}
