import { COMPLAINT_SUBJECT_MAX, COMPLAINT_TEXT_MAX } from '../../../domain/complaints/complaint.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, option, section, type Block, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** The partner picker's block id (the use case's `partner` field). */
export const COMPLAINT_PARTNER_BLOCK = 'partner';

/**
 * R-COMPLAINT (§7.2): a partner's contact complains about the vendor: subject,
 * what happened, links. A contact of several partners picks which one
 * complains, from their own partners only (a static list: nobody else's id
 * is ever offered, and the use case refuses one forged into the submission).
 */
export function complaintModal(f: Fmt, partners: readonly { id: string; name: string }[] = []): ModalView {
  return modal({
    callbackId: VIEWS.complaint,
    title: f.t('complaint.title'),
    submit: f.t('complaint.submit'),
    close: f.t('common.cancel'),
    privateMetadata: '',
    blocks: [
      section(f.t('complaint.intro')),
      ...partnerPicker(f, partners),
      input({ blockId: 'subject', label: f.t('complaint.subject'), element: { type: 'plain_text_input', action_id: INPUTS.subject, max_length: COMPLAINT_SUBJECT_MAX } }),
      input({ blockId: 'text', label: f.t('complaint.text'), element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: COMPLAINT_TEXT_MAX } }),
      input({ blockId: 'evidence', label: f.t('complaint.links'), optional: true, element: { type: 'plain_text_input', action_id: INPUTS.links, multiline: true } }),
    ],
  });
}

/** For one partner no picker: the use case takes the one they speak for. Slack allows 100 options. */
function partnerPicker(f: Fmt, partners: readonly { id: string; name: string }[]): Block[] {
  if (partners.length < 2) return [];
  return [
    input({
      blockId: COMPLAINT_PARTNER_BLOCK,
      label: f.t('complaint.partner'),
      hint: f.t('complaint.partnerHint'),
      element: { type: 'static_select', action_id: INPUTS.partner, options: partners.slice(0, 100).map((p) => option(`${p.name} (${p.id})`, p.id)) },
    }),
  ];
}
