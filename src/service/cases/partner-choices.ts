import type { Db } from '../../db/database.ts';
import { searchPartners } from '../../db/repositories/partners.repository.ts';
import type { PartnerRow } from '../../db/schema/index.ts';
import { mayPickPartner } from '../../domain/access/case-visibility.ts';
import { reportsAs } from '../../domain/access/reporting-as.ts';
import type { Access } from '../access/actor.ts';

/**
 * The partners a person may pick in a report form (R-EVIDENCE: staff any, a
 * partner's contact any but their own; anyone else none), whose name or id
 * contains `typed`, by name. One place for every chat's picker, so no
 * adapter combines the predicates itself.
 */
export async function partnerChoices(db: Db, access: Access, typed: string, limit: number): Promise<PartnerRow[]> {
  if (reportsAs(access) === null) return [];
  const rows = await searchPartners(db, typed.replaceAll('\u0000', ''), limit + access.partnerIds.length);
  return rows.filter((p) => mayPickPartner(access, p.id)).slice(0, limit);
}
