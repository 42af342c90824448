import { applyForExitAsAdmin } from '../../../service/exits/exit-as-admin.ts';
import { INPUTS } from '../../action-ids.ts';
import { EXIT_APPLY_BLOCKS } from '../../render/modals/exit-apply-modal.ts';
import { escapeMrkdwn } from '../../render/mrkdwn.ts';
import { modalSubmission } from '../shared/submission.ts';

/**
 * The exit application submitted (R-EXIT-VOLUNTARY): the same use case as
 * `cli exit apply`; too short a notice, an open checklist or an early
 * agreement is an inline error on its field, and nothing is recorded.
 */
export const exitApplySubmit = modalSubmission({
  run: (ctx, { actor, form, metadata }) =>
    applyForExitAsAdmin(ctx.cases, {
      actor,
      partnerId: metadata,
      appliedOn: form.date(EXIT_APPLY_BLOCKS.applied, INPUTS.appliedOn),
      requestedEndOn: form.date(EXIT_APPLY_BLOCKS.end, INPUTS.requestedEndOn),
      agreementOn: form.date(EXIT_APPLY_BLOCKS.agreement, INPUTS.agreementOn),
      placementDone: form.checked(EXIT_APPLY_BLOCKS.checklist, INPUTS.checklist).includes('placement'),
    }),
  fields: { ...EXIT_APPLY_BLOCKS },
  fallbackBlock: EXIT_APPLY_BLOCKS.end,
  done: (r, f) => ({
    title: f.t('exit.recordedTitle'),
    text: r.recorded ? f.t('exit.recorded', { partner: escapeMrkdwn(r.partnerName), appliedOn: r.appliedOn, agreementOn: r.agreementOn }) : f.t('exit.alreadyRecorded'),
  }),
});
