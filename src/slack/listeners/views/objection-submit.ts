import { objectToNotice } from '../../../service/cases/partner-replies.ts';
import { INPUTS } from '../../action-ids.ts';
import { EVIDENCE_BLOCKS } from '../../render/modals/evidence-inputs.ts';
import { evidenceOf } from '../shared/evidence.ts';
import { caseOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The objection modal submitted (R-NOTICE): grounds, inside the window. */
export const objectionSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) =>
    objectToNotice(ctx.cases, { key, actor, caseId: caseOfView(metadata), grounds: form.text('grounds', INPUTS.text), evidence: evidenceOf(form) }),
  fields: { grounds: 'grounds', evidence: EVIDENCE_BLOCKS.links },
  fallbackBlock: 'grounds',
  done: (r, f) => ({ title: f.t('objection.doneTitle'), text: f.t('objection.done', { caseId: r.caseId }) }),
});
