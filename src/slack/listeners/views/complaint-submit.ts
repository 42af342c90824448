import { fileComplaint } from '../../../service/complaints/file-complaint.ts';
import { INPUTS } from '../../action-ids.ts';
import { COMPLAINT_PARTNER_BLOCK } from '../../render/modals/complaint-modal.ts';
import { linkLines } from '../shared/parse.ts';
import { modalSubmission } from '../shared/submission.ts';

/**
 * The complaint modal submitted (R-COMPLAINT): recorded once per view, staff
 * told; bad input is an inline error. The picked partner is only a wish: the
 * use case refuses one the person does not speak for.
 */
export const complaintSubmit = modalSubmission({
  run: (ctx, { key, actor, form }) => {
    const partnerId = form.selected(COMPLAINT_PARTNER_BLOCK, INPUTS.partner);
    return fileComplaint(ctx.cases, {
      key, actor, ...(partnerId === undefined ? {} : { partnerId }),
      subject: form.text('subject', INPUTS.subject), text: form.text('text', INPUTS.text), evidence: linkLines(form.text('evidence', INPUTS.links)),
    });
  },
  fields: { subject: 'subject', text: 'text', evidence: 'evidence', partner: COMPLAINT_PARTNER_BLOCK },
  fallbackBlock: 'text',
  done: (r, f) => ({ title: f.t('complaint.doneTitle'), text: f.t('complaint.done', { complaintId: r.complaintId, due: r.answerDue }) }),
});
