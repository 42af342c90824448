import { z } from 'zod';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import type { PolicyParams, PolicyVersion } from '../../domain/policy/policy-version.ts';
import type { Db } from '../database.ts';
import { catalogItems, policyVersions } from '../schema/index.ts';

const amount = z.string().regex(/^\d+(\.\d+)?$/);
const months = z.number().int().positive();

/** `policy_versions.params` is jsonb: checked on the way in from the database. */
export const policyParamsSchema: z.ZodType<PolicyParams> = z.object({
  class1: z.object({ minimumPenalty: amount, serviceFeeRate: amount }),
  class2: z.object({ validityMonths: months, penaltiesByRank: z.array(amount).min(1), cascadeAtRank: z.number().int().min(2) }),
  class3: z.object({ validityMonths: months, cascadeAtCount: z.number().int().min(2) }),
  restrictionMonths: z.object({ 1: months, 2: months, 3: months }),
  replyWorkingDays: z.number().int().positive(),
  objectionWorkingDays: z.number().int().positive(),
  paymentTermMonths: months,
  lateFeeDailyRate: amount,
  readings: z.object({
    period: z.literal('civil_code'),
    validityWindow: z.literal('notice_to_announcement_period'),
    cascadeConsumes: z.boolean(),
    class1FiscalYear: z.literal('of_determination_date'),
    versionChoice: z.literal('occurred_unless_lighter'),
    paymentSplit: z.literal('penalty_first'),
    deductionDay: z.literal('formal_decision_day'),
  }),
});

export async function loadPolicyVersions(db: Db): Promise<PolicyVersion[]> {
  const [versions, items] = await Promise.all([
    db.select().from(policyVersions),
    db.select().from(catalogItems).orderBy(catalogItems.policyVersion, catalogItems.section, catalogItems.row),
  ]);
  return versions
    .map((v) => ({
      id: v.id,
      effectiveFrom: v.effectiveFrom,
      publishedOn: v.publishedOn,
      params: policyParamsSchema.parse(v.params),
      catalog: items.filter((i) => i.policyVersion === v.id).map(toCatalogItem),
    }))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** Inserts a version and its catalog unless it is already there; a published version is never edited. */
export async function insertPolicyVersionIfMissing(db: Db, v: PolicyVersion): Promise<boolean> {
  const inserted = await db
    .insert(policyVersions)
    .values({ id: v.id, effectiveFrom: v.effectiveFrom, publishedOn: v.publishedOn, params: v.params })
    .onConflictDoNothing()
    .returning({ id: policyVersions.id });
  if (inserted.length === 0) return false;
  await db.insert(catalogItems).values(
    v.catalog.map((i) => ({ policyVersion: v.id, id: i.id, section: i.section, row: i.row, category: i.category, class: i.class, textZh: i.textZh, textEn: i.textEn })),
  );
  return true;
}

function toCatalogItem(r: typeof catalogItems.$inferSelect): CatalogItem {
  return {
    id: r.id,
    section: r.section as CatalogItem['section'],
    row: r.row,
    category: r.category as CatalogItem['category'],
    class: r.class as CatalogItem['class'],
    textZh: r.textZh,
    textEn: r.textEn,
  };
}
