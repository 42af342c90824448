import { inArray } from 'drizzle-orm';
import { existingPartnerIds } from '../../db/repositories/partners.repository.ts';
import { categoriesHeld, programsByName } from '../../db/repositories/registry.repository.ts';
import { partnerCategoryKinds, partnerPrograms, programs, type PartnerCategoryKind } from '../../db/schema/index.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate } from '../../domain/dates.ts';
import { badRows, importOnce, readImportTable, type ImportDeps, type ImportFile, type ImportResult } from './import-file.ts';

export const PROGRAMS_HEADER = ['partner_id', 'program', 'category', 'joined_on'] as const;
const MAX_NAME = 100;

interface Membership {
  partnerId: string;
  program: string;
  category: PartnerCategoryKind;
  joinedOn: string;
}

/**
 * `partner_id,program,category,joined_on`, one row per program a partner
 * belongs to (R-CAT, §2.2). A program sits on one category, the same on every
 * row and as on record, and the partner must hold that category (import
 * partners first). The file is the truth for each partner it names: its
 * programs are set to the file's.
 */
export async function importPrograms(deps: ImportDeps, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, PROGRAMS_HEADER);
  const partnerIds = [...new Set(rows.map((r) => r.cells.partner_id!))];
  const [known, held, recorded] = await Promise.all([
    existingPartnerIds(deps.db, partnerIds),
    categoriesHeld(deps.db, partnerIds),
    programsByName(deps.db, [...new Set(rows.map((r) => r.cells.program!))]),
  ]);
  const categoryOf = new Map<string, { category: string; line: number }>();
  const seen = new Map<string, number>();
  const list: Membership[] = [];
  for (const { line, cells } of rows) {
    const why: string[] = [];
    const { partner_id: partnerId, program, category, joined_on: joinedOn } = cells as Record<(typeof PROGRAMS_HEADER)[number], string>;
    if (!partnerId) why.push('partner_id is empty');
    else if (!known.has(partnerId)) why.push(`unknown partner "${partnerId}" (import partners first)`);
    if (!program) why.push('program is empty');
    else if (program.length > MAX_NAME) why.push(`program name is longer than ${MAX_NAME} characters`);
    if (!(partnerCategoryKinds as readonly string[]).includes(category)) {
      why.push(`category "${category}" must be one of ${partnerCategoryKinds.join(', ')}`);
    } else if (program) {
      const first = categoryOf.get(program);
      const onRecord = recorded.get(program)?.category;
      if (first && first.category !== category) why.push(`program "${program}" sits on ${first.category} on line ${first.line}, not ${category}`);
      else if (onRecord && onRecord !== category) why.push(`program "${program}" sits on ${onRecord} on record, not ${category}`);
      else if (known.has(partnerId) && !held.get(partnerId)?.has(category as PartnerCategoryKind)) {
        why.push(`${partnerId} does not hold category ${category}, which program "${program}" sits on (R-CAT; import partners first)`);
      }
      if (!first) categoryOf.set(program, { category, line });
    }
    if (!isLocalDate(joinedOn)) why.push(`joined_on "${joinedOn}" is not a real date written YYYY-MM-DD`);
    const key = `${partnerId}\u0000${program}`;
    if (seen.has(key)) why.push(`program "${program}" is listed twice for ${partnerId} (first on line ${seen.get(key)})`);
    else seen.set(key, line);
    if (why.length > 0) errors.push({ line, reason: why.join('; ') } satisfies CsvRowError);
    else list.push({ partnerId, program, category: category as PartnerCategoryKind, joinedOn });
  }
  if (errors.length > 0) throw badRows(file.name, errors);
  return importOnce(deps, 'programs', file, rows.length, async (tx) => {
    const newPrograms = [...new Map(list.map((m) => [m.program, m.category]))].filter(([name]) => !recorded.has(name));
    if (newPrograms.length > 0) await tx.insert(programs).values(newPrograms.map(([name, category]) => ({ name, category }))).onConflictDoNothing();
    const ids = [...new Set(list.map((m) => m.partnerId))];
    await tx.delete(partnerPrograms).where(inArray(partnerPrograms.partnerId, ids));
    await tx.insert(partnerPrograms).values(list.map((m) => ({ partnerId: m.partnerId, program: m.program, joinedOn: m.joinedOn })));
    return { changed: list.length, details: { partners: ids.length, new_programs: newPrograms.length } };
  });
}
