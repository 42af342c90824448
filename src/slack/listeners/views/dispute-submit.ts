import { replyToNotice } from '../../../service/cases/partner-replies.ts';
import { INPUTS } from '../../action-ids.ts';
import { EVIDENCE_BLOCKS } from '../../render/modals/evidence-inputs.ts';
import { evidenceOf } from '../shared/evidence.ts';
import { caseOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The dispute modal submitted (R-REPLY): reasons and proof, or an inline error saying what is missing. */
export const disputeSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) =>
    replyToNotice(ctx.cases, { key, actor, caseId: caseOfView(metadata), kind: 'dispute', text: form.text('text', INPUTS.text), evidence: evidenceOf(form) }),
  fields: { text: 'text', evidence: EVIDENCE_BLOCKS.links },
  fallbackBlock: 'text',
  done: (r, f) => ({ title: f.t('dispute.doneTitle'), text: f.t('dispute.done', { caseId: r.caseId }) }),
});
