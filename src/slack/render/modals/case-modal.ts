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
export function caseModal(f: Fmt, m: { caseId: string; callbackId: string; texts: 'determine' | 'answer' | 'dispute' | 'objection' | 'dismiss'; blocks: Block[] }): ModalView {
  return modal({
    callbackId: m.callbackId,
    title: f.t(`${m.texts}.title`),
    submit: f.t(`${m.texts}.submit`),
    close: f.t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId: m.caseId } satisfies CaseMetadata),
    blocks: m.blocks,
  });
}

/** Staff's reasons (a proposal's, read by the approver and the partner; a dismissal's, read by the reporter): R-DETERMINE, R-NOTICE, R-SCREEN. */
export function reasonsInput(blockId: string, label: string): Block {
  return input({ blockId, label, element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 2500 } });
}
