import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { contacts, partnerCategories, partnerContracts, partnerPrograms, partners, programs, type PartnerCategoryKind, type PartnerStatus } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { loadAccess, type Access, type Actor } from '../access/actor.ts';
import { canonicalJson } from '../audit/canonical-json.ts';

/** One partner as the registry holds it (R-CAT): what the `/partner` modals show and change. */
export interface RegistryEntry {
  id: string;
  name: string;
  status: PartnerStatus;
  categories: { category: PartnerCategoryKind; level: string }[];
  contacts: { platform: string; userId: string }[];
  contracts: { startsOn: string; endsOn: string; renewalNoticeOn: string | null }[];
  programs: { program: string; category: PartnerCategoryKind; joinedOn: string }[];
  /**
   * A digest of all of the above. A modal carries the one it was opened with;
   * a submission made over a different one is refused (someone changed the
   * partner meanwhile), so no admin overwrites a change they never saw.
   */
  version: string;
}

/** Issue 11: the registry is changed by admins only, in chat as in the CLI's imports. */
export async function requireRegistryAdmin(db: Db | Tx, actor: Actor): Promise<Access> {
  const access = await loadAccess(db, actor);
  requireRole(access.roles, 'partner.manage', `<@${actor.userId}>`);
  return access;
}

/** An admin opens a partner's entry (to prefill a modal). */
export async function registryEntryForAdmin(db: Db, actor: Actor, partnerId: string): Promise<RegistryEntry> {
  await requireRegistryAdmin(db, actor);
  const entry = await readRegistryEntry(db, partnerId);
  if (!entry) throw new DomainError('partner.not_found', `No partner with id "${partnerId}".`, { partnerId, field: 'partner_id' });
  return entry;
}

export async function readRegistryEntry(db: Db | Tx, partnerId: string): Promise<RegistryEntry | undefined> {
  const [p] = await db.select({ id: partners.id, name: partners.name, status: partners.status }).from(partners).where(eq(partners.id, partnerId));
  if (!p) return undefined;
  const [cats, people, terms, member] = await Promise.all([
    db.select({ category: partnerCategories.category, level: partnerCategories.level }).from(partnerCategories).where(eq(partnerCategories.partnerId, partnerId)).orderBy(asc(partnerCategories.category)),
    db.select({ platform: contacts.platform, userId: contacts.userId }).from(contacts).where(eq(contacts.partnerId, partnerId)).orderBy(asc(contacts.platform), asc(contacts.userId)),
    db
      .select({ startsOn: partnerContracts.startsOn, endsOn: partnerContracts.endsOn, renewalNoticeOn: partnerContracts.renewalNoticeOn })
      .from(partnerContracts)
      .where(eq(partnerContracts.partnerId, partnerId))
      .orderBy(asc(partnerContracts.startsOn)),
    db
      .select({ program: partnerPrograms.program, category: programs.category, joinedOn: partnerPrograms.joinedOn })
      .from(partnerPrograms)
      .innerJoin(programs, eq(programs.name, partnerPrograms.program))
      .where(eq(partnerPrograms.partnerId, partnerId))
      .orderBy(asc(partnerPrograms.program)),
  ]);
  const content = { ...p, categories: cats, contacts: people, contracts: terms, programs: member };
  return { ...content, version: createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 16) };
}
