import { and, eq, inArray, lte } from 'drizzle-orm';
import type { LocalDate } from '../../domain/dates.ts';
import type { Db } from '../database.ts';
import { partnerCategories, partnerContracts, partnerPrograms, programs, type PartnerCategoryKind, type ProgramRow } from '../schema/index.ts';

/** Every program on record, by name. */
export async function programsByName(db: Db, names: string[]): Promise<Map<string, ProgramRow>> {
  if (names.length === 0) return new Map();
  const rows = await db.select().from(programs).where(inArray(programs.name, names));
  return new Map(rows.map((r) => [r.name, r]));
}

export async function findProgram(db: Db, name: string): Promise<ProgramRow | undefined> {
  const [row] = await db.select().from(programs).where(eq(programs.name, name));
  return row;
}

/** The categories each partner holds now (R-CAT). */
export async function categoriesHeld(db: Db, partnerIds: string[]): Promise<Map<string, Set<PartnerCategoryKind>>> {
  const out = new Map<string, Set<PartnerCategoryKind>>();
  if (partnerIds.length === 0) return out;
  const rows = await db.select().from(partnerCategories).where(inArray(partnerCategories.partnerId, partnerIds));
  for (const r of rows) out.set(r.partnerId, (out.get(r.partnerId) ?? new Set()).add(r.category));
  return out;
}

/** Whether the partner had joined the program by the day. */
export async function inProgramOn(db: Db, partnerId: string, program: string, on: LocalDate): Promise<boolean> {
  const [row] = await db
    .select({ p: partnerPrograms.program })
    .from(partnerPrograms)
    .where(and(eq(partnerPrograms.partnerId, partnerId), eq(partnerPrograms.program, program), lte(partnerPrograms.joinedOn, on)));
  return row !== undefined;
}

export async function programsOf(db: Db, partnerId: string): Promise<{ program: string; category: string; joinedOn: LocalDate }[]> {
  return db
    .select({ program: partnerPrograms.program, category: programs.category, joinedOn: partnerPrograms.joinedOn })
    .from(partnerPrograms)
    .innerJoin(programs, eq(programs.name, partnerPrograms.program))
    .where(eq(partnerPrograms.partnerId, partnerId))
    .orderBy(partnerPrograms.program);
}

export async function contractsOf(db: Db, partnerId: string) {
  return db.select().from(partnerContracts).where(eq(partnerContracts.partnerId, partnerId)).orderBy(partnerContracts.startsOn);
}
