import { FACTS_MAX } from '../../../service/cases/evidence.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, plain, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';
import { evidenceInputs } from './evidence-inputs.ts';

/** What a partner's modal carries between opening and submission. */
export interface CaseMetadata {
  caseId: string;
}

/** R-REPLY: a dispute says why and brings proof; without proof it is refused so proof can be added in time. */
export function disputeModal(f: Fmt, caseId: string): ModalView {
  return partnerTextModal(f, caseId, { callbackId: VIEWS.dispute, texts: 'dispute', blockId: 'text', labelKey: 'dispute.text', evidenceRequired: true });
}

/** R-NOTICE: an objection to the processing notice, with grounds, inside its window. */
export function objectionModal(f: Fmt, caseId: string): ModalView {
  return partnerTextModal(f, caseId, { callbackId: VIEWS.objection, texts: 'objection', blockId: 'grounds', labelKey: 'objection.grounds', evidenceRequired: false });
}

interface PartnerTextModal {
  callbackId: string;
  /** The message group of its title, submit button, intro and placeholder. */
  texts: 'dispute' | 'objection';
  /** The text's block id: the submission listener maps the use case's field to it. */
  blockId: string;
  labelKey: 'dispute.text' | 'objection.grounds';
  evidenceRequired: boolean;
}

/** A partner's say on a case: a text, and evidence (links and files). */
function partnerTextModal(f: Fmt, caseId: string, m: PartnerTextModal): ModalView {
  const { t } = f;
  return modal({
    callbackId: m.callbackId,
    title: t(`${m.texts}.title`),
    submit: t(`${m.texts}.submit`),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId } satisfies CaseMetadata),
    blocks: [
      section(t(`${m.texts}.intro`, { caseId })),
      input({
        blockId: m.blockId,
        label: t(m.labelKey),
        element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: FACTS_MAX, placeholder: plain(t(`${m.texts}.placeholder`)) },
      }),
      ...evidenceInputs(t, { required: m.evidenceRequired }),
    ],
  });
}
