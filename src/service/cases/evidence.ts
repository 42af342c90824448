import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';

export const FACTS_MAX = 2500;

export interface EvidenceInput {
  kind: 'link' | 'file';
  ref: string;
}

const httpUrl = z.url({ protocol: /^https?$/ });

/** Links must be http(s) URLs; files are chat file ids. Anything else is refused clearly. */
export const evidenceSchema = {
  parse(e: EvidenceInput): EvidenceInput {
    const ref = e.ref.trim();
    if (e.kind === 'link') {
      if (!httpUrl.safeParse(ref).success) throw new DomainError('evidence.bad_link', `“${ref.slice(0, 80)}” is not a web link (http:// or https://).`, { field: 'evidence' });
      return { kind: 'link', ref };
    }
    if (e.kind === 'file' && /^[A-Z0-9]{6,}$/.test(ref)) return { kind: 'file', ref };
    throw new DomainError('evidence.bad_file', 'That file reference is not valid.', { field: 'evidence' });
  },
};
