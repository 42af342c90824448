import { and, eq } from 'drizzle-orm';
import { programsByName } from '../../db/repositories/registry.repository.ts';
import { partnerPrograms, programs, type PartnerCategoryKind } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { membershipRowErrors } from '../imports/import-programs.ts';
import { changeRegistryEntry, refuseRow, type RegistryChange, type RegistryDeps } from './registry-step.ts';

export interface ProgramForm extends RegistryChange {
  action: 'join' | 'leave';
  program: string;
  /** The category the program sits on; blank = the one on record (a new program needs one). */
  category: string;
  /** The day the partner joined (join only). */
  joinedOn: string;
}

export interface ChangedProgram {
  partnerId: string;
  action: 'join' | 'leave';
  program: string;
  category: PartnerCategoryKind;
  joinedOn: string;
}

/**
 * Issue 11, R-CAT (§2.2): an admin records that a partner joined a program
 * (checked with the programs import's rules: a program sits on one category,
 * which the partner holds; a new program is recorded with it) or left one.
 * This is the registry's record, as the import is; whether joining is
 * allowed under a restriction is `/partner request program` (R-RESTRICT).
 * Audited `registry.program_joined` / `registry.program_left`.
 */
export async function changeProgram(deps: RegistryDeps, form: ProgramForm): Promise<ChangedProgram> {
  const program = form.program.trim();
  return changeRegistryEntry(deps, `registry.program_${form.action}`, form, async (tx, entry) => {
    const member = entry.programs.find((m) => m.program === program);
    const at = deps.clock.now();
    if (form.action === 'leave') {
      if (!member) throw new DomainError('registry.not_in_program', `${entry.id} is not in program "${program}".`, { partnerId: entry.id, program, field: 'program' });
      await tx.delete(partnerPrograms).where(and(eq(partnerPrograms.partnerId, entry.id), eq(partnerPrograms.program, program)));
      await appendAudit(tx, { actor: actorKey(form.actor), action: 'registry.program_left', subject: entry.id, payload: { ...member, version: entry.version, rule: 'R-CAT' }, at });
      return { partnerId: entry.id, action: 'leave' as const, ...member };
    }
    if (member) throw new DomainError('registry.already_in_program', `${entry.id} is in program "${program}" since ${member.joinedOn}.`, { partnerId: entry.id, program, field: 'program' });
    const recorded = await programsByName(tx, program ? [program] : []);
    const category = form.category.trim() || recorded.get(program)?.category || '';
    const cells = { partner_id: entry.id, program, category, joined_on: form.joinedOn.trim() };
    const held = new Map([[entry.id, new Set(entry.categories.map((c) => c.category))]]);
    refuseRow(membershipRowErrors(cells, 1, { known: new Set([entry.id]), held, recorded }, { categoryOf: new Map(), lineOf: new Map() }), (column) => (column === 'partner_id' ? 'program' : column));
    const joined = { program, category: category as PartnerCategoryKind, joinedOn: cells.joined_on };
    if (!recorded.has(program)) await tx.insert(programs).values({ name: program, category: joined.category }).onConflictDoNothing();
    await tx.insert(partnerPrograms).values({ partnerId: entry.id, program, joinedOn: joined.joinedOn });
    await appendAudit(tx, { actor: actorKey(form.actor), action: 'registry.program_joined', subject: entry.id, payload: { ...joined, version: entry.version, rule: 'R-CAT' }, at });
    return { partnerId: entry.id, action: 'join' as const, ...joined };
  });
}
