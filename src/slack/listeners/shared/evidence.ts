import type { EvidenceInput } from '../../../service/cases/evidence.ts';
import { INPUTS } from '../../action-ids.ts';
import { EVIDENCE_BLOCKS } from '../../render/modals/evidence-inputs.ts';
import { linkLines } from './parse.ts';
import type { FormState } from './view-state.ts';

/** Links (one a line) and uploaded files as the use cases take them; whether they are valid is theirs to say. */
export function evidenceOf(form: FormState): EvidenceInput[] {
  return [
    ...linkLines(form.text(EVIDENCE_BLOCKS.links, INPUTS.links)).map((ref) => ({ kind: 'link' as const, ref })),
    ...form.files(EVIDENCE_BLOCKS.files, INPUTS.files).map((ref) => ({ kind: 'file' as const, ref })),
  ];
}
