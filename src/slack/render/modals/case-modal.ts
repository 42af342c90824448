import { INPUTS } from '../../action-ids.ts';
import { input, modal, type Block, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** What a case's modal carries between opening and submission. */
export interface CaseMetadata {
  caseId: string;
}

/**
 * A modal about one case: title and submit from its message group
 * (`determine.title`, `determine.submit`, …), cancel, and the case id carried
 * to the submission listener.
 */
export function caseModal(f: Fmt, m: { caseId: string; callbackId: string; texts: 'determine' | 'answer' | 'dispute' | 'objection'; blocks: Block[] }): ModalView {
  return modal({
    callbackId: m.callbackId,
    title: f.t(`${m.texts}.title`),
    submit: f.t(`${m.texts}.submit`),
    close: f.t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId: m.caseId } satisfies CaseMetadata),
    blocks: m.blocks,
  });
}

/** Staff's reasons for a proposal, which the approver and the partner read (R-DETERMINE, R-NOTICE). */
export function reasonsInput(blockId: string, label: string): Block {
  return input({ blockId, label, element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 2500 } });
}
