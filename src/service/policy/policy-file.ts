import { z } from 'zod';
import { policyParamsSchema } from '../../db/repositories/policy.repository.ts';
import type { CatalogItem } from '../../domain/catalog/catalog-item.ts';
import { isLocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PolicyParams } from '../../domain/policy/policy-version.ts';

const catalogItemSchema = z.object({
  id: z.string().regex(/^[A-Z]{3}-\d{2}$/, 'an id like SVC-01'),
  section: z.enum(['5.3.3', '5.3.4', '5.3.5']),
  row: z.number().int().positive(),
  category: z.enum(['service', 'marketing', 'other']),
  class: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  textZh: z.string().min(1),
  textEn: z.string().min(1),
}) satisfies z.ZodType<CatalogItem>;

/**
 * A policy version as an admin hands it over (R-POLICY, §5.2): JSON with the
 * version's id, its effective date, every amount and window (`params`, the
 * same shape as `policy_versions.params`) and, optionally, its violation
 * catalog (without one, the catalog of the latest version carries over).
 */
export const policyFileSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, 'letters, digits, "_", "-" or "." (at most 32), e.g. FY27'),
    effectiveFrom: z.string().refine(isLocalDate, 'a real date written YYYY-MM-DD'),
    params: policyParamsSchema,
    catalog: z.array(catalogItemSchema).min(1).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.catalog?.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['catalog', i, 'id'], message: `${item.id} is listed twice` });
      seen.add(item.id);
    });
  });

export interface PolicyFile {
  id: string;
  effectiveFrom: string;
  params: PolicyParams;
  catalog?: CatalogItem[];
}

/** Parses the file's text; every problem is named with where it is (`params.class2.penaltiesByRank.0: …`). */
export function parsePolicyFile(name: string, text: string): PolicyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DomainError('policy.bad_file', `${name} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = policyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    throw new DomainError('policy.bad_file', `${name} is not a valid policy version: ${issues.join('; ')}`, { issues });
  }
  return parsed.data as PolicyFile;
}
