import { dismissReport } from '../../../service/cases/staff-steps.ts';
import { INPUTS } from '../../action-ids.ts';
import { caseOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The dismiss modal submitted (R-SCREEN): the reporter is told the reason, the reported partner nothing. */
export const dismissSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) => dismissReport(ctx.cases, { key, actor, caseId: caseOfView(metadata), reason: form.text('reason', INPUTS.reasons) ?? '' }),
  fields: { reason: 'reason' },
  fallbackBlock: 'reason',
  done: (r, f) => ({ title: f.t('dismiss.doneTitle'), text: f.t('dismiss.done', { caseId: r.caseId }) }),
});
