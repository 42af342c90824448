import { inArray, sql } from 'drizzle-orm';
import { contacts, partnerCategories, partnerCategoryKinds, partners, type PartnerCategoryKind } from '../../db/schema/index.ts';
import type { CsvRowError } from '../../domain/csv/csv-table.ts';
import { badRows, importOnce, readImportTable, rowError, type ImportDeps, type ImportFile, type ImportResult, type RowProblem } from './import-file.ts';

export const PARTNERS_HEADER = ['partner_id', 'name', 'category', 'level', 'contact_slack_ids'] as const;
/** The same with DingTalk contacts beside the Slack ones (issue 12); one person may have both. */
export const PARTNERS_HEADER_DINGTALK = [...PARTNERS_HEADER, 'contact_dingtalk_ids'] as const;
const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Slack user ids: U… or W… (Enterprise Grid). */
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
/** DingTalk company userIds (senderStaffId): letters, digits, "_", "-", "." (e.g. 0123, manager4567). */
const DINGTALK_USER = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** R-CAT: a level is a short name (gold, 钻石级); longer text is a mistake, not a level. */
export const PARTNER_LEVEL_MAX = 40;

/** One partner as its rows (or a `/partner` modal) build it up. */
export interface PartnerImport {
  id: string;
  name: string;
  firstLine: number;
  categories: Map<PartnerCategoryKind, string>;
  /** `platform:userId` of each contact. */
  contacts: Set<string>;
}

/**
 * `partner_id,name,category,level,contact_slack_ids[,contact_dingtalk_ids]`,
 * one row per category a partner holds (R-CAT). The file is the truth for each partner it names:
 * its name, categories with levels, and contacts are set to the file's.
 */
export async function importPartners(deps: ImportDeps, file: ImportFile): Promise<ImportResult> {
  const { rows, errors } = readImportTable(file, withDingTalk(file.text) ? PARTNERS_HEADER_DINGTALK : PARTNERS_HEADER);
  const byId = new Map<string, PartnerImport>();
  for (const { line, cells } of rows) {
    const why = partnerRowErrors(cells, byId.get(cells.partner_id!));
    if (why.length > 0) {
      errors.push(rowError(line, why) satisfies CsvRowError);
      continue;
    }
    const p = byId.get(cells.partner_id!) ?? { id: cells.partner_id!, name: cells.name!, firstLine: line, categories: new Map(), contacts: new Set<string>() };
    p.categories.set(cells.category as PartnerCategoryKind, cells.level!);
    for (const c of splitContacts(cells.contact_slack_ids!)) p.contacts.add(`slack:${c}`);
    for (const c of splitContacts(cells.contact_dingtalk_ids ?? '')) p.contacts.add(`dingtalk:${c}`);
    byId.set(p.id, p);
  }
  if (errors.length > 0) throw badRows(file.name, errors);
  const list = [...byId.values()];
  return importOnce(deps, 'partners', file, rows.length, async (tx) => {
    const ids = list.map((p) => p.id);
    const before = await tx.select({ id: partners.id }).from(partners).where(inArray(partners.id, ids));
    await tx
      .insert(partners)
      .values(list.map((p) => ({ id: p.id, name: p.name })))
      .onConflictDoUpdate({ target: partners.id, set: { name: sqlExcluded('name'), updatedAt: deps.clock.now() } });
    await tx.delete(partnerCategories).where(inArray(partnerCategories.partnerId, ids));
    await tx.insert(partnerCategories).values(list.flatMap((p) => [...p.categories].map(([category, level]) => ({ partnerId: p.id, category, level }))));
    await tx.delete(contacts).where(inArray(contacts.partnerId, ids));
    const contactRows = list.flatMap((p) => [...p.contacts].map((key) => ({ partnerId: p.id, platform: key.slice(0, key.indexOf(':')), userId: key.slice(key.indexOf(':') + 1) })));
    if (contactRows.length > 0) await tx.insert(contacts).values(contactRows);
    return { changed: list.length, details: { partners: ids.length, new: ids.length - before.length } };
  });
}

/**
 * The rules of one `partner_id,name,category,level,contact_slack_ids[,contact_dingtalk_ids]`
 * row, given what earlier rows of the same partner said (R-CAT).
 */
export function partnerRowErrors(cells: Record<string, string>, seen: PartnerImport | undefined): RowProblem[] {
  const why: RowProblem[] = [];
  const no = (column: string, reason: string) => why.push({ column, reason });
  if (!PARTNER_ID.test(cells.partner_id!)) no('partner_id', `partner_id "${cells.partner_id}" must be letters, digits, "_", "-" or "." (at most 64)`);
  if (!cells.name) no('name', 'name is empty');
  else if (seen && seen.name !== cells.name) no('name', `name "${cells.name}" differs from "${seen.name}" on line ${seen.firstLine} for the same partner`);
  if (!(partnerCategoryKinds as readonly string[]).includes(cells.category!)) {
    no('category', `category "${cells.category}" must be one of ${partnerCategoryKinds.join(', ')}`);
  } else if (seen?.categories.has(cells.category as PartnerCategoryKind)) {
    no('category', `category ${cells.category} is listed twice for ${cells.partner_id}`);
  }
  if (!cells.level) no('level', 'level is empty');
  else if (cells.level.length > PARTNER_LEVEL_MAX || /[\p{Cc}]/u.test(cells.level)) no('level', `level "${cells.level.slice(0, 50)}" must be one line of at most ${PARTNER_LEVEL_MAX} characters`);
  const bad = splitContacts(cells.contact_slack_ids!).filter((c) => !SLACK_USER.test(c));
  if (bad.length > 0) no('contact_slack_ids', `contact_slack_ids ${bad.map((b) => `"${b}"`).join(', ')} are not Slack user ids like U0123ABCD (separate several with ";")`);
  const badDingTalk = splitContacts(cells.contact_dingtalk_ids ?? '').filter((c) => !DINGTALK_USER.test(c));
  if (badDingTalk.length > 0) no('contact_dingtalk_ids', `contact_dingtalk_ids ${badDingTalk.map((b) => `"${b}"`).join(', ')} are not DingTalk userIds like 0123 or manager4567 (separate several with ";")`);
  return why;
}

/** The optional column is there when the header names it; the header is then checked whole as usual. */
function withDingTalk(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)\s*"?contact_dingtalk_ids"?\s*$/i.test(firstLine);
}

export function splitContacts(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded.${column}`);
}
