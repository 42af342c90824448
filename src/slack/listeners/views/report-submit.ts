import { reportViolation } from '../../../service/cases/report-violation.ts';
import { INPUTS } from '../../action-ids.ts';
import { actorOf, fmtFor } from '../../slack-context.ts';
import { when } from '../../views/format.ts';
import { EVIDENCE_BLOCKS } from '../../views/modals/evidence-inputs.ts';
import { REPORT_BLOCKS } from '../../views/modals/report-modal.ts';
import { presentBlocks, submissionKey, submitModal } from '../shared/submission.ts';
import type { Make, SubmitArgs } from '../shared/types.ts';
import { FormState } from '../shared/view-state.ts';
import { evidenceOf } from '../shared/evidence.ts';

/** The report modal submitted: one case per submission (view id + hash), inline errors for bad fields. */
export const reportSubmit: Make<SubmitArgs> = (ctx) => async ({ ack, view, body, client }) => {
  const userId = body.user.id;
  const form = FormState.of(view.state.values);
  await submitModal({
    ctx,
    f: fmtFor(ctx, userId),
    ack,
    client,
    userId,
    run: () =>
      reportViolation(ctx.cases, {
        key: submissionKey(view),
        actor: actorOf(userId),
        partnerId: form.selected(REPORT_BLOCKS.partner, INPUTS.partner) ?? '',
        itemId: form.selected(REPORT_BLOCKS.item, INPUTS.item) ?? '',
        occurredOn: form.date(REPORT_BLOCKS.occurredOn, INPUTS.occurredOn),
        facts: form.text(REPORT_BLOCKS.facts, INPUTS.facts),
        evidence: evidenceOf(form),
        suspend: form.checked(REPORT_BLOCKS.suspend, INPUTS.suspend).includes('suspend'),
      }),
    fields: { partner: REPORT_BLOCKS.partner, item: REPORT_BLOCKS.item, occurred_on: REPORT_BLOCKS.occurredOn, facts: REPORT_BLOCKS.facts, evidence: EVIDENCE_BLOCKS.links },
    present: presentBlocks(view),
    fallbackBlock: REPORT_BLOCKS.facts,
    done: (r, f) => ({
      title: f.t('report.doneTitle'),
      text: r.replyDue
        ? f.t('report.doneStaff', { caseId: r.caseId, due: when(f, r.replyDue) }) + (r.provisional ? ` ${f.t('common.provisional')}` : '')
        : f.t('report.donePartner', { caseId: r.caseId }),
    }),
    where: { view: view.callback_id, userId },
  });
};
