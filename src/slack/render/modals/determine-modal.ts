import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { context, section, type Block, type ModalView } from '../views/blocks.ts';
import { decisionText } from '../views/decision.ts';
import type { Fmt } from '../views/format.ts';
import { partnerText } from '../partner-text.ts';
import { caseModal, reasonsInput } from './case-modal.ts';
import { checkboxInput, radioInput } from './choice-inputs.ts';
import { escapeAndClip } from '../mrkdwn.ts';

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
    section(`*${t('common.facts')}*\n${escapeAndClip(m.facts, 1200)}`),
    context(m.replies.length > 0 ? m.replies.join('\n') : t('determine.noReply')),
  ];
  if (m.fastTrack) blocks.push(context(t('determine.fastTrack')));
  blocks.push(section(m.preview ? `*${t('determine.preview')}*\n${decisionText(f, m.preview)}` : t('determine.previewNone')));
  blocks.push(radioInput(DETERMINE_BLOCKS.established, INPUTS.established, t('determine.established'), [[t('determine.yes'), 'yes'], [t('determine.no'), 'no']]));
  // R-P1: only a class-1 sanction can end the partnership; offered when the engine judges class 1.
  if (m.preview?.finalClass === 1) {
    blocks.push(checkboxInput(DETERMINE_BLOCKS.terminate, INPUTS.terminate, t('determine.terminate'), [t('determine.terminateOption'), 'terminate']));
  }
  blocks.push(reasonsInput(DETERMINE_BLOCKS.reasons, t('determine.reasons')));
  return caseModal(f, { caseId: m.caseId, callbackId: VIEWS.determine, texts: 'determine', blocks });
}
