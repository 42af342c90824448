import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { contacts, partnerCategories, partners, partnerCategoryKinds, type PartnerCategoryKind } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { runCommand } from '../cases/run-command.ts';
import { partnerRowErrors, splitContacts, type PartnerImport } from '../imports/import-partners.ts';
import { requireRegistryAdmin, type RegistryEntry } from './registry-entry.ts';
import { changeRegistryEntry, refuseRow, type RegistryDeps } from './registry-step.ts';

export interface PartnerForm {
  /** The chat platform's view id; the same key twice acts once. */
  key: string;
  actor: Actor;
  partnerId: string;
  name: string;
  /** Each category's level; a blank level = the partner is not in that category (R-CAT). */
  levels: Partial<Record<string, string>>;
  /** Slack user ids, separated by spaces, commas, ";" or new lines. */
  slackContacts: string;
  /** DingTalk userIds, the same way. */
  dingtalkContacts: string;
}

export interface SavedPartner {
  partnerId: string;
  added: boolean;
  categories: { category: PartnerCategoryKind; level: string }[];
  contacts: number;
}

interface VettedPartner {
  id: string;
  name: string;
  categories: { category: PartnerCategoryKind; level: string }[];
  contacts: { platform: string; userId: string }[];
}

/** The form's field for each column of the partners import. */
function fieldOf(column: string, category: string): string {
  if (column === 'category' || column === 'level') return `level_${category}`;
  return ({ contact_slack_ids: 'slack_contacts', contact_dingtalk_ids: 'dingtalk_contacts' } as Record<string, string>)[column] ?? column;
}

/**
 * The form, checked row by row with the partners import's own rules
 * (`partnerRowErrors`): one row per category held, as in the CSV.
 */
export function vetPartnerForm(form: PartnerForm): VettedPartner {
  const id = form.partnerId.trim();
  const name = form.name.trim();
  const slack = splitContacts(form.slackContacts.replace(/[\s,]+/g, ';'));
  const dingtalk = splitContacts(form.dingtalkContacts.replace(/[\s,]+/g, ';'));
  const held = partnerCategoryKinds.flatMap((category) => {
    const level = (form.levels[category] ?? '').trim();
    return level === '' ? [] : [{ category, level }];
  });
  if (held.length === 0) throw new DomainError('registry.no_category', 'A partner holds at least one category, each with its level (R-CAT).', { field: 'levels' });
  let seen: PartnerImport | undefined;
  for (const { category, level } of held) {
    const cells = { partner_id: id, name, category, level, contact_slack_ids: slack.join(';'), contact_dingtalk_ids: dingtalk.join(';') };
    refuseRow(partnerRowErrors(cells, seen), (column) => fieldOf(column, category));
    seen ??= { id, name, firstLine: 1, categories: new Map(), contacts: new Set() };
    seen.categories.set(category, level);
  }
  const people = [...new Set([...slack.map((u) => `slack:${u}`), ...dingtalk.map((u) => `dingtalk:${u}`)])].map((k) => ({ platform: k.slice(0, k.indexOf(':')), userId: k.slice(k.indexOf(':') + 1) }));
  return { id, name, categories: held, contacts: people };
}

/**
 * Issue 11, R-CAT: an admin adds a partner: its id, name, categories with
 * levels, and contacts (who then speak for it). Audited `registry.partner_added`;
 * an id on record is refused (change it with `editPartner`).
 */
export async function addPartner(deps: RegistryDeps, form: PartnerForm): Promise<SavedPartner> {
  const p = vetPartnerForm(form);
  return runCommand(deps, { key: form.key, action: 'registry.partner_add', actor: actorKey(form.actor) }, async (tx) => {
    const access = await requireRegistryAdmin(tx, form.actor);
    const now = deps.clock.now();
    // The primary key referees two admins adding one id at once: the second waits, then finds it taken.
    const [inserted] = await tx.insert(partners).values({ id: p.id, name: p.name, createdAt: now, updatedAt: now }).onConflictDoNothing().returning({ id: partners.id });
    if (!inserted) throw new DomainError('registry.partner_exists', `There is already a partner ${p.id}; change it with /partner edit ${p.id}.`, { partnerId: p.id, field: 'partner_id' });
    await writeCategoriesAndContacts(tx, p);
    await appendAudit(tx, { actor: access.key, action: 'registry.partner_added', subject: p.id, payload: { name: p.name, categories: p.categories, contacts: p.contacts, rule: 'R-CAT' }, at: now });
    return { partnerId: p.id, added: true, categories: p.categories, contacts: p.contacts.length };
  });
}

/**
 * Issue 11, R-CAT: an admin sets a partner's name, categories with levels and
 * contacts to the form's, over the version the form was opened with
 * (`changeRegistryEntry`). A category a program of the partner sits on
 * stays (leave the program first). Audited `registry.partner_changed` with
 * what was there before.
 */
export async function editPartner(deps: RegistryDeps, form: PartnerForm & { version: string }): Promise<SavedPartner> {
  const p = vetPartnerForm(form);
  return changeRegistryEntry(deps, 'registry.partner_edit', { key: form.key, actor: form.actor, partnerId: p.id, version: form.version }, async (tx, entry) => {
    const kept = new Set(p.categories.map((c) => c.category));
    const orphan = entry.programs.find((m) => !kept.has(m.category));
    if (orphan) {
      throw new DomainError('registry.category_in_use', `${entry.id} is in program "${orphan.program}", which sits on ${orphan.category}; leave the program first (R-CAT, §2.2).`, {
        partnerId: entry.id, program: orphan.program, category: orphan.category, field: `level_${orphan.category}`,
      });
    }
    const now = deps.clock.now();
    await tx.update(partners).set({ name: p.name, updatedAt: now }).where(eq(partners.id, p.id));
    await tx.delete(partnerCategories).where(eq(partnerCategories.partnerId, p.id));
    await tx.delete(contacts).where(eq(contacts.partnerId, p.id));
    await writeCategoriesAndContacts(tx, p);
    await appendAudit(tx, {
      actor: actorKey(form.actor), action: 'registry.partner_changed', subject: p.id,
      payload: { before: partOf(entry), after: { name: p.name, categories: p.categories, contacts: p.contacts }, version: entry.version, rule: 'R-CAT' },
      at: now,
    });
    return { partnerId: p.id, added: false, categories: p.categories, contacts: p.contacts.length };
  });
}

async function writeCategoriesAndContacts(tx: Tx, p: VettedPartner): Promise<void> {
  await tx.insert(partnerCategories).values(p.categories.map((c) => ({ partnerId: p.id, ...c })));
  if (p.contacts.length > 0) await tx.insert(contacts).values(p.contacts.map((c) => ({ partnerId: p.id, ...c })));
}

function partOf(e: RegistryEntry) {
  return { name: e.name, categories: e.categories, contacts: e.contacts };
}
