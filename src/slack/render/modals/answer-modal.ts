import type { CatalogItem } from '../../../domain/catalog/catalog-item.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, section, type Block, type ModalView } from '../views/blocks.ts';
import { decisionText } from '../views/decision.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import type { Fmt } from '../views/format.ts';
import { catalogOptionGroups, itemOption } from './report-modal.ts';
import { caseModal, reasonsInput } from './case-modal.ts';
import { checkboxInput, radioInput } from './choice-inputs.ts';
import { escapeAndClip } from '../mrkdwn.ts';

export const ANSWER_BLOCKS = { outcome: 'outcome', item: 'item', established: 'established', terminate: 'terminate', reasons: 'reasons' } as const;

export interface AnswerModalInput {
  caseId: string;
  grounds: string[];
  decision: DecisionView | null;
  catalog: readonly CatalogItem[];
  currentItem: CatalogItem | undefined;
}

/** R-NOTICE: staff answer an objection, upheld or adjusted (another item, or withdrawn), for a second person's approval. */
export function answerModal(f: Fmt, m: AnswerModalInput): ModalView {
  const { t } = f;
  const blocks: Block[] = [
    section(t('answer.intro', { caseId: m.caseId })),
    section(`*${t('answer.grounds')}*\n${m.grounds.length > 0 ? m.grounds.map((g) => escapeAndClip(g, 800)).join('\n———\n') : '—'}`),
  ];
  if (m.decision) blocks.push(section(`*${t('answer.current')}*\n${decisionText(f, m.decision)}`));
  blocks.push(
    radioInput(ANSWER_BLOCKS.outcome, INPUTS.outcome, t('answer.outcome'), [[t('answer.upheld'), 'upheld'], [t('answer.adjusted'), 'adjusted']]),
    input({
      blockId: ANSWER_BLOCKS.item,
      label: t('answer.item'),
      optional: true,
      hint: t('answer.itemHint'),
      element: {
        type: 'static_select',
        action_id: INPUTS.item,
        option_groups: catalogOptionGroups(f, m.catalog),
        ...(m.currentItem ? { initial_option: itemOption(f, m.currentItem) } : {}),
      },
    }),
    checkboxInput(ANSWER_BLOCKS.established, INPUTS.established, t('answer.withdraw'), [t('answer.withdrawOption'), 'not_established']),
    checkboxInput(ANSWER_BLOCKS.terminate, INPUTS.terminate, t('answer.terminate'), [t('answer.terminateOption'), 'terminate']),
    reasonsInput(ANSWER_BLOCKS.reasons, t('answer.reasons')),
  );
  return caseModal(f, { caseId: m.caseId, callbackId: VIEWS.answer, texts: 'answer', blocks });
}
