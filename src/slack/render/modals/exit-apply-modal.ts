import type { LocalDate } from '../../../domain/dates.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import { input, modal, option, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** Block ids, by the use case's field names (dates and the checklist). */
export const EXIT_APPLY_BLOCKS = { applied: 'applied_on', end: 'requested_end_on', agreement: 'agreement_on', checklist: 'checklist' } as const;

/**
 * R-EXIT-VOLUNTARY: an admin records a partner's written exit application.
 * The dates are the application's; the month of notice (R-PERIOD), the
 * placement and the agreement are checked by the use case, inline.
 */
export function exitApplyModal(f: Fmt, p: { partnerId: string; partnerName: string; today: LocalDate }): ModalView {
  const { t } = f;
  const date = (blockId: string, label: string, actionId: string, initial?: string): ReturnType<typeof input> =>
    input({ blockId, label, element: { type: 'datepicker', action_id: actionId, ...(initial ? { initial_date: initial } : {}) } });
  return modal({
    callbackId: VIEWS.exitApply,
    title: t('exit.applyTitle'),
    submit: t('exit.applySubmit'),
    close: t('common.cancel'),
    privateMetadata: p.partnerId,
    blocks: [
      section(t('exit.applyIntro', { partner: escapeMrkdwn(`${p.partnerName} (${p.partnerId})`) })),
      date(EXIT_APPLY_BLOCKS.applied, t('exit.appliedOn'), INPUTS.appliedOn, p.today),
      date(EXIT_APPLY_BLOCKS.end, t('exit.requestedEndOn'), INPUTS.requestedEndOn),
      date(EXIT_APPLY_BLOCKS.agreement, t('exit.agreementOn'), INPUTS.agreementOn),
      input({ blockId: EXIT_APPLY_BLOCKS.checklist, label: t('exit.checklist'), optional: true, element: { type: 'checkboxes', action_id: INPUTS.checklist, options: [option(t('exit.placementDone'), 'placement')] } }),
    ],
  });
}
