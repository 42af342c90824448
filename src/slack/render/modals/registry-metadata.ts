import { z } from 'zod';

/**
 * What a registry modal carries between opening and submission (issue 11):
 * the partner, the version of its entry the admin was shown, and for a
 * contract the start of the term being changed (null: a new term). Absent
 * partner: `/partner add`.
 */
export const registryMetadataSchema = z.object({
  p: z.string().max(64).optional(),
  v: z.string().max(64).optional(),
  r: z.string().max(10).nullable().optional(),
});
export type RegistryMetadata = z.infer<typeof registryMetadataSchema>;
