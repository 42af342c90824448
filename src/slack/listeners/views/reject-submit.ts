import { decideDetermination } from '../../../service/cases/decide-determination.ts';
import { INPUTS } from '../../action-ids.ts';
import { determinationOfView } from '../shared/metadata.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The reject modal submitted: the determination is rejected with the reason given (or none). */
export const rejectSubmit = modalSubmission({
  run: (ctx, { key, actor, form, metadata }) =>
    decideDetermination(ctx.cases, { key, actor, determinationId: determinationOfView(metadata), approve: false, note: form.text('reasons', INPUTS.reasons) }),
  fields: {},
  fallbackBlock: 'reasons',
  done: (r, f) => ({ title: f.t('reject.doneTitle'), text: f.t('reject.done', { id: r.determinationId, caseId: r.caseId }) }),
});
