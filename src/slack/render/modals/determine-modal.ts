import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { context, esc, input, modal, option, section, type Block, type ModalView } from '../views/blocks.ts';
import { decisionText } from '../views/decision.ts';
import { partnerText, type Fmt } from '../views/format.ts';
import type { CaseMetadata } from './reply-modals.ts';

export const DETERMINE_BLOCKS = { established: 'established', terminate: 'terminate', reasons: 'reasons' } as const;

export interface DetermineModalInput {
  caseId: string;
  partnerName: string;
  partnerId: string;
  itemLine: string;
  facts: string;
  /** What the partner answered, already in words (or none yet). */
  replies: string[];
  /** The reply window is still open (R-DETERMINE fast track). */
  fastTrack: boolean;
  /** What the engine would decide if approved today; null when it could not be judged. */
  preview: DecisionView | null;
}

/** R-DETERMINE: staff propose (established or not, termination for class 1), a second person approves. */
export function determineModal(f: Fmt, m: DetermineModalInput): ModalView {
  const { t } = f;
  const blocks: Block[] = [
    section(t('determine.intro', { caseId: m.caseId, partner: partnerText(m.partnerName, m.partnerId), item: m.itemLine })),
    section(`*${t('common.facts')}*\n${esc(m.facts, 1200)}`),
    context(m.replies.length > 0 ? m.replies.join('\n') : t('determine.noReply')),
  ];
  if (m.fastTrack) blocks.push(context(t('determine.fastTrack')));
  blocks.push(section(m.preview ? `*${t('determine.preview')}*\n${decisionText(f, m.preview)}` : t('determine.previewNone')));
  blocks.push(
    input({
      blockId: DETERMINE_BLOCKS.established,
      label: t('determine.established'),
      element: {
        type: 'radio_buttons',
        action_id: INPUTS.established,
        options: [option(t('determine.yes'), 'yes'), option(t('determine.no'), 'no')],
        initial_option: option(t('determine.yes'), 'yes'),
      },
    }),
  );
  // R-P1: only a class-1 sanction can end the partnership; offered when the engine judges class 1.
  if (m.preview?.finalClass === 1) {
    blocks.push(
      input({
        blockId: DETERMINE_BLOCKS.terminate,
        label: t('determine.terminate'),
        optional: true,
        element: { type: 'checkboxes', action_id: INPUTS.terminate, options: [option(t('determine.terminateOption'), 'terminate')] },
      }),
    );
  }
  blocks.push(
    input({
      blockId: DETERMINE_BLOCKS.reasons,
      label: t('determine.reasons'),
      element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 2500 },
    }),
  );
  return modal({
    callbackId: VIEWS.determine,
    title: t('determine.title'),
    submit: t('determine.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId: m.caseId } satisfies CaseMetadata),
    blocks,
  });
}
