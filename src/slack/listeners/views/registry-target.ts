import { DomainError } from '../../../domain/errors.ts';
import { registryMetadataSchema, type RegistryMetadata } from '../../render/modals/registry-metadata.ts';
import { metadataOf } from '../shared/view-state.ts';

/** The partner and version a registry modal was opened on; a tampered or missing one is refused in words. */
export function registryTarget(raw: string): { partnerId: string; version: string; replaces: string | null } {
  const m: RegistryMetadata | null = metadataOf(raw, registryMetadataSchema);
  if (!m?.p) throw new DomainError('registry.bad_form', 'That form no longer works; open it again with /partner.');
  return { partnerId: m.p, version: m.v ?? '', replaces: m.r ?? null };
}

/** Whether the partner modal was opened by `/partner edit` (it carries a partner) rather than `/partner add`. */
export function editedPartner(raw: string): { partnerId: string; version: string } | null {
  const m = metadataOf(raw, registryMetadataSchema);
  return m?.p ? { partnerId: m.p, version: m.v ?? '' } : null;
}
