import { fileComplaint } from '../../../service/complaints/file-complaint.ts';
import { INPUTS } from '../../action-ids.ts';
import { linkLines } from '../shared/parse.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The complaint modal submitted (R-COMPLAINT): recorded once per view, staff told; bad input is an inline error. */
export const complaintSubmit = modalSubmission({
  run: (ctx, { key, actor, form }) =>
    fileComplaint(ctx.cases, { key, actor, subject: form.text('subject', INPUTS.subject), text: form.text('text', INPUTS.text), evidence: linkLines(form.text('evidence', INPUTS.links)) }),
  fields: { subject: 'subject', text: 'text', evidence: 'evidence', partner: 'subject' },
  fallbackBlock: 'text',
  done: (r, f) => ({ title: f.t('complaint.doneTitle'), text: f.t('complaint.done', { complaintId: r.complaintId, due: r.answerDue }) }),
});
