import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { caseIdSchema, determinationIdSchema } from './parse.ts';
import { metadataOf } from './view-state.ts';

const caseMetadataSchema = z.object({ caseId: caseIdSchema });
const determinationMetadataSchema = z.object({ determinationId: determinationIdSchema });

/** The case a modal was opened for (its private_metadata); a modal without one cannot be answered. */
export function caseOfView(privateMetadata: string | undefined): string {
  const m = metadataOf(privateMetadata, caseMetadataSchema);
  if (!m) throw new DomainError('input.bad_button', 'This form no longer works; open the case again with /violation show.');
  return m.caseId;
}

/** The determination the reject modal was opened for. */
export function determinationOfView(privateMetadata: string | undefined): number {
  const m = metadataOf(privateMetadata, determinationMetadataSchema);
  if (!m) throw new DomainError('input.bad_button', 'This form no longer works.');
  return m.determinationId;
}
