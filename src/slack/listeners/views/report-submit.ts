import { reportViolation } from '../../../service/cases/report-violation.ts';
import { INPUTS } from '../../action-ids.ts';
import { formatDateTime } from '../../render/format.ts';
import { EVIDENCE_BLOCKS } from '../../render/modals/evidence-inputs.ts';
import { REPORT_BLOCKS } from '../../render/modals/report-modal.ts';
import { evidenceOf } from '../shared/evidence.ts';
import { modalSubmission } from '../shared/submission.ts';

/** The report modal submitted: one case per submission (view id + hash), inline errors for bad fields. */
export const reportSubmit = modalSubmission({
  run: (ctx, { key, actor, form }) =>
    reportViolation(ctx.cases, {
      key,
      actor,
      partnerId: form.selected(REPORT_BLOCKS.partner, INPUTS.partner) ?? '',
      itemId: form.selected(REPORT_BLOCKS.item, INPUTS.item) ?? '',
      occurredOn: form.date(REPORT_BLOCKS.occurredOn, INPUTS.occurredOn),
      facts: form.text(REPORT_BLOCKS.facts, INPUTS.facts),
      evidence: evidenceOf(form),
      suspend: form.checked(REPORT_BLOCKS.suspend, INPUTS.suspend).includes('suspend'),
    }),
  fields: { partner: REPORT_BLOCKS.partner, item: REPORT_BLOCKS.item, occurred_on: REPORT_BLOCKS.occurredOn, facts: REPORT_BLOCKS.facts, evidence: EVIDENCE_BLOCKS.links },
  fallbackBlock: REPORT_BLOCKS.facts,
  done: (r, f) => ({
    title: f.t('report.doneTitle'),
    text: r.replyDue
      ? f.t('report.doneStaff', { caseId: r.caseId, due: formatDateTime(r.replyDue, f.locale) }) + (r.provisional ? ` ${f.t('common.provisional')}` : '')
      : f.t('report.donePartner', { caseId: r.caseId }),
  }),
});
