import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

export interface RejectMetadata {
  determinationId: number;
}

/** Rejecting asks for a short reason; none is fine (the proposer can ask in the channel). */
export function rejectModal(f: Fmt, determinationId: number): ModalView {
  const { t } = f;
  return modal({
    callbackId: VIEWS.reject,
    title: t('reject.title'),
    submit: t('reject.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ determinationId } satisfies RejectMetadata),
    blocks: [
      section(t('reject.intro', { id: determinationId })),
      input({ blockId: 'reasons', label: t('reject.reason'), optional: true, element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 1000 } }),
    ],
  });
}
