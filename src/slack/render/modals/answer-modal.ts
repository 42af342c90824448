import type { CatalogItem } from '../../../domain/catalog/catalog-item.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { esc, input, modal, option, section, type Block, type ModalView } from '../views/blocks.ts';
import { decisionText } from '../views/decision.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import type { Fmt } from '../views/format.ts';
import { catalogOptionGroups, itemOption } from './report-modal.ts';
import type { CaseMetadata } from './reply-modals.ts';

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
    section(`*${t('answer.grounds')}*\n${m.grounds.length > 0 ? m.grounds.map((g) => esc(g, 800)).join('\n———\n') : '—'}`),
  ];
  if (m.decision) blocks.push(section(`*${t('answer.current')}*\n${decisionText(f, m.decision)}`));
  blocks.push(
    input({
      blockId: ANSWER_BLOCKS.outcome,
      label: t('answer.outcome'),
      element: {
        type: 'radio_buttons',
        action_id: INPUTS.outcome,
        options: [option(t('answer.upheld'), 'upheld'), option(t('answer.adjusted'), 'adjusted')],
        initial_option: option(t('answer.upheld'), 'upheld'),
      },
    }),
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
    input({
      blockId: ANSWER_BLOCKS.established,
      label: t('answer.withdraw'),
      optional: true,
      element: { type: 'checkboxes', action_id: INPUTS.established, options: [option(t('answer.withdrawOption'), 'not_established')] },
    }),
    input({
      blockId: ANSWER_BLOCKS.terminate,
      label: t('answer.terminate'),
      optional: true,
      element: { type: 'checkboxes', action_id: INPUTS.terminate, options: [option(t('answer.terminateOption'), 'terminate')] },
    }),
    input({
      blockId: ANSWER_BLOCKS.reasons,
      label: t('answer.reasons'),
      element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 2500 },
    }),
  );
  return modal({
    callbackId: VIEWS.answer,
    title: t('answer.title'),
    submit: t('answer.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId: m.caseId } satisfies CaseMetadata),
    blocks,
  });
}
