import { COMPLAINT_ANSWER_MAX } from '../../../domain/complaints/complaint.ts';
import type { ComplaintView } from '../../../domain/notifications/notification.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { formatDateTime } from '../format.ts';
import { escapeAndClip } from '../mrkdwn.ts';
import { input, modal, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** The answer's block id (the use case's `answer` field). */
export const COMPLAINT_ANSWER_BLOCK = 'answer';

/** R-COMPLAINT: staff answer a filed complaint; its id rides in the private metadata. */
export function complaintAnswerModal(f: Fmt, c: ComplaintView): ModalView {
  return modal({
    callbackId: VIEWS.complaintAnswer,
    title: f.t('complaint.answerTitle'),
    submit: f.t('complaint.answerSubmit'),
    close: f.t('common.cancel'),
    privateMetadata: c.complaintId,
    blocks: [
      section(f.t('complaint.answerIntro', {
        complaintId: c.complaintId, partner: escapeAndClip(`${c.partnerName} (${c.partnerId})`, 200), subject: escapeAndClip(c.subject, 200), due: formatDateTime(c.answerDue, f.locale),
      })),
      section(escapeAndClip(c.text, 2500)),
      input({ blockId: COMPLAINT_ANSWER_BLOCK, label: f.t('complaint.answerLabel'), element: { type: 'plain_text_input', action_id: INPUTS.text, multiline: true, max_length: COMPLAINT_ANSWER_MAX } }),
    ],
  });
}
