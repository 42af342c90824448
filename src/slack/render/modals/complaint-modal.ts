import { COMPLAINT_SUBJECT_MAX, COMPLAINT_TEXT_MAX } from '../../../domain/complaints/complaint.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** R-COMPLAINT (§7.2): a partner's contact complains about the vendor: subject, what happened, links. */
export function complaintModal(f: Fmt): ModalView {
  return modal({
    callbackId: VIEWS.complaint,
    title: f.t('complaint.title'),
    submit: f.t('complaint.submit'),
    close: f.t('common.cancel'),
    privateMetadata: '',
    blocks: [
      section(f.t('complaint.intro')),
      input({ blockId: 'subject', label: f.t('complaint.subject'), element: { type: 'plain_text_input', action_id: INPUTS.subject, max_length: COMPLAINT_SUBJECT_MAX } }),
      input({ blockId: 'text', label: f.t('complaint.text'), element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: COMPLAINT_TEXT_MAX } }),
      input({ blockId: 'evidence', label: f.t('complaint.links'), optional: true, element: { type: 'plain_text_input', action_id: INPUTS.links, multiline: true } }),
    ],
  });
}
