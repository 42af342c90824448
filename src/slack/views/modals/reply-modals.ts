import { FACTS_MAX } from '../../../service/cases/evidence.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, plain, section, type ModalView } from '../blocks.ts';
import type { Fmt } from '../format.ts';
import { evidenceInputs } from './evidence-inputs.ts';

/** What a partner's modal carries between opening and submission. */
export interface CaseMetadata {
  caseId: string;
}

/** R-REPLY: a dispute says why and brings proof; without proof it is refused so proof can be added in time. */
export function disputeModal(f: Fmt, caseId: string): ModalView {
  const { t } = f;
  return modal({
    callbackId: VIEWS.dispute,
    title: t('dispute.title'),
    submit: t('dispute.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId } satisfies CaseMetadata),
    blocks: [
      section(t('dispute.intro', { caseId })),
      input({
        blockId: 'text',
        label: t('dispute.text'),
        element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: FACTS_MAX, placeholder: plain(t('dispute.placeholder')) },
      }),
      ...evidenceInputs(t, { required: true }),
    ],
  });
}

/** R-NOTICE: an objection to the processing notice, with grounds, inside its window. */
export function objectionModal(f: Fmt, caseId: string): ModalView {
  const { t } = f;
  return modal({
    callbackId: VIEWS.objection,
    title: t('objection.title'),
    submit: t('objection.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId } satisfies CaseMetadata),
    blocks: [
      section(t('objection.intro', { caseId })),
      input({
        blockId: 'grounds',
        label: t('objection.grounds'),
        element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: FACTS_MAX, placeholder: plain(t('objection.placeholder')) },
      }),
      ...evidenceInputs(t, { required: false }),
    ],
  });
}
