import { inArray } from 'drizzle-orm';
import { existingPartnerIds } from '../../db/repositories/partners.repository.ts';
import { categoriesHeld, programsByName } from '../../db/repositories/registry.repository.ts';
import { partnerCategoryKinds, partnerPrograms, programs, type PartnerCategoryKind, type ProgramRow } from '../../db/schema/index.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { isLocalDate } from '../../domain/dates.ts';
import { badRows, importOnce, readImportTable, rowError, type ImportDeps, type ImportFile, type ImportResult, type RowProblem } from './import-file.ts';

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
  const seen: MembershipsSeen = { categoryOf: new Map(), lineOf: new Map() };
  const list: Membership[] = [];
  for (const { line, cells } of rows) {
    const why = membershipRowErrors(cells, line, { known, held, recorded }, seen);
    const { partner_id: partnerId, program, category, joined_on: joinedOn } = cells as Record<(typeof PROGRAMS_HEADER)[number], string>;
    if (why.length > 0) errors.push(rowError(line, why) satisfies CsvRowError);
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

/** What the database holds about the partners and programs a set of rows names. */
export interface RegistryOnRecord {
  known: ReadonlySet<string>;
  held: ReadonlyMap<string, ReadonlySet<PartnerCategoryKind>>;
  recorded: ReadonlyMap<string, ProgramRow>;
}

/** What earlier rows of the same file said: each program's category, and each membership's line. */
export interface MembershipsSeen {
  categoryOf: Map<string, { category: string; line: number }>;
  lineOf: Map<string, number>;
}

/**
 * The rules of one `partner_id,program,category,joined_on` row (R-CAT, §2.2):
 * a known partner, a program on one category (as on record and on earlier
 * rows) that the partner holds, a real date, no membership twice.
 */
export function membershipRowErrors(cells: Record<string, string>, line: number, onRecord: RegistryOnRecord, seen: MembershipsSeen): RowProblem[] {
  const why: RowProblem[] = [];
  const no = (column: string, reason: string) => why.push({ column, reason });
  const { known, held, recorded } = onRecord;
  const { partner_id: partnerId, program, category, joined_on: joinedOn } = cells as Record<(typeof PROGRAMS_HEADER)[number], string>;
  if (!partnerId) no('partner_id', 'partner_id is empty');
  else if (!known.has(partnerId)) no('partner_id', `unknown partner "${partnerId}" (import partners first)`);
  if (!program) no('program', 'program is empty');
  else if (program.length > MAX_NAME) no('program', `program name is longer than ${MAX_NAME} characters`);
  if (!(partnerCategoryKinds as readonly string[]).includes(category)) {
    no('category', `category "${category}" must be one of ${partnerCategoryKinds.join(', ')}`);
  } else if (program) {
    const first = seen.categoryOf.get(program);
    const stored = recorded.get(program)?.category;
    if (first && first.category !== category) no('category', `program "${program}" sits on ${first.category} on line ${first.line}, not ${category}`);
    else if (stored && stored !== category) no('category', `program "${program}" sits on ${stored} on record, not ${category}`);
    else if (known.has(partnerId) && !held.get(partnerId)?.has(category as PartnerCategoryKind)) {
      no('category', `${partnerId} does not hold category ${category}, which program "${program}" sits on (R-CAT; import partners first)`);
    }
    if (!first) seen.categoryOf.set(program, { category, line });
  }
  if (!isLocalDate(joinedOn)) no('joined_on', `joined_on "${joinedOn}" is not a real date written YYYY-MM-DD`);
  const key = `${partnerId}\u0000${program}`;
  if (seen.lineOf.has(key)) no('program', `program "${program}" is listed twice for ${partnerId} (first on line ${seen.lineOf.get(key)})`);
  else seen.lineOf.set(key, line);
  return why;
}
