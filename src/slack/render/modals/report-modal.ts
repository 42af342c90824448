import type { types } from '@slack/bolt';
import { catalogByCategory } from '../../../domain/catalog/catalog.ts';
import type { CatalogItem } from '../../../domain/catalog/catalog-item.ts';
import { FACTS_MAX } from '../../../service/cases/evidence.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { context, cut, input, modal, option, plain, section, type Block, type ModalView } from '../views/blocks.ts';
import { cls, itemText, type Fmt } from '../views/format.ts';
import { evidenceInputs } from './evidence-inputs.ts';

/** Block ids of the report modal; they match the use case's `details.field`. */
export const REPORT_BLOCKS = { partner: 'partner', item: 'item', occurredOn: 'occurred_on', facts: 'facts', suspend: 'suspend' } as const;

export interface ReportModalInput {
  catalog: readonly CatalogItem[];
  /** Staff report (the notice goes out at once) and may suspend incentives (R-SUSPEND). */
  asStaff: boolean;
  today: string;
}

/**
 * The catalog as a static select grouped by table (§5.3.3–§5.3.5), each
 * option showing its class. 58 items fit Slack's 100 options.
 */
export function catalogOptionGroups(f: Fmt, catalog: readonly CatalogItem[]): { label: types.PlainTextElement; options: types.PlainTextOption[] }[] {
  return catalogByCategory(catalog)
    .filter((g) => g.items.length > 0)
    .map((g) => ({
      label: plain(f.t(`category.${g.category}`), 75),
      options: g.items.slice(0, 100).map((item) => itemOption(f, item)),
    }));
}

export function itemOption(f: Fmt, item: CatalogItem): types.PlainTextOption {
  // `description` is for radio buttons and checkboxes only; a select shows one line of up to 75 characters.
  return option(cut(`${item.id} · ${cls(f, item.class)} · ${itemText(f, item)}`, 75), item.id);
}

export function reportModal(f: Fmt, m: ReportModalInput): ModalView {
  const { t } = f;
  const blocks: Block[] = [
    section(m.asStaff ? t('report.introStaff') : t('report.introPartner')),
    input({
      blockId: REPORT_BLOCKS.partner,
      label: t('report.partner'),
      element: { type: 'external_select', action_id: INPUTS.partner, min_query_length: 0, placeholder: plain(t('report.partnerPlaceholder')) },
    }),
    input({
      blockId: REPORT_BLOCKS.item,
      label: t('report.item'),
      element: { type: 'static_select', action_id: INPUTS.item, placeholder: plain(t('report.itemPlaceholder')), option_groups: catalogOptionGroups(f, m.catalog) },
    }),
    input({
      blockId: REPORT_BLOCKS.occurredOn,
      label: t('report.occurredOn'),
      element: { type: 'datepicker', action_id: INPUTS.occurredOn, initial_date: m.today },
    }),
    input({
      blockId: REPORT_BLOCKS.facts,
      label: t('report.facts'),
      element: { type: 'plain_text_input', action_id: INPUTS.facts, multiline: true, max_length: FACTS_MAX, placeholder: plain(t('report.factsPlaceholder')) },
    }),
    ...evidenceInputs(t, { required: !m.asStaff }),
  ];
  if (m.asStaff) {
    blocks.push(
      input({
        blockId: REPORT_BLOCKS.suspend,
        label: t('report.suspend'),
        optional: true,
        element: { type: 'checkboxes', action_id: INPUTS.suspend, options: [option(t('report.suspendOption'), 'suspend')] },
      }),
    );
  }
  blocks.push(context(t('report.footer')));
  return modal({ callbackId: VIEWS.report, title: t('report.title'), submit: t('report.submit'), close: t('common.cancel'), blocks });
}
