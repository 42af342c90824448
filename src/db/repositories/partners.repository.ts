import { eq, inArray, or, ilike, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { contacts, partnerCategories, partners, type PartnerRow } from '../schema/index.ts';

export interface PartnerProfile extends PartnerRow {
  categories: { category: string; level: string }[];
  contacts: string[];
}

export async function findPartner(db: Db, id: string): Promise<PartnerRow | undefined> {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  return row;
}

/**
 * R-DETERMINE: decisions on one partner are judged one at a time. Whoever
 * judges and records a sanction holds the partner's row lock from before it
 * reads the history until it commits; a history read issued after this returns
 * sees every sanction committed before (READ COMMITTED: a snapshot per statement).
 */
export async function lockPartner(tx: Db, id: string): Promise<void> {
  await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, id)).for('update');
}

export async function partnerProfile(db: Db, id: string): Promise<PartnerProfile | undefined> {
  const partner = await findPartner(db, id);
  if (!partner) return undefined;
  const [cats, cons] = await Promise.all([
    db.select().from(partnerCategories).where(eq(partnerCategories.partnerId, id)).orderBy(partnerCategories.category),
    db.select().from(contacts).where(eq(contacts.partnerId, id)).orderBy(contacts.userId),
  ]);
  return { ...partner, categories: cats.map((c) => ({ category: c.category, level: c.level })), contacts: cons.map((c) => (c.platform === 'slack' ? c.userId : `${c.platform}:${c.userId}`)) };
}

export async function existingPartnerIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: partners.id }).from(partners).where(inArray(partners.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Partners whose id or name contains the text (for pickers). */
export async function searchPartners(db: Db, text: string, limit = 20): Promise<PartnerRow[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(partners)
    .where(or(ilike(partners.id, pattern), ilike(partners.name, pattern)))
    .orderBy(sql`${partners.name}`)
    .limit(limit);
}
