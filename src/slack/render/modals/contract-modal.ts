import type { RegistryEntry } from '../../../service/registry/registry-entry.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, section, type Block, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { RegistryMetadata } from './registry-metadata.ts';

export const CONTRACT_BLOCKS = { startsOn: 'starts_on', endsOn: 'ends_on', renewalNoticeOn: 'renewal_notice_on' } as const;

/**
 * `/partner contract PARTNER [new]`: one contract term (R-CAT), prefilled
 * with the latest term unless a new one is asked for (or there is none).
 * The exits read its dates (R-EXIT-EXPIRY, R-EXIT-RENEWAL).
 */
export function contractModal(f: Fmt, entry: RegistryEntry, fresh: boolean): ModalView {
  const term = fresh ? undefined : entry.contracts.at(-1);
  const date = (blockId: string, label: string, initial: string | null | undefined, opts: { optional?: boolean; hint?: string } = {}): Block =>
    input({
      blockId, label, optional: opts.optional ?? false, ...(opts.hint ? { hint: opts.hint } : {}),
      element: { type: 'datepicker', action_id: INPUTS.date, ...(initial ? { initial_date: initial } : {}) },
    });
  const metadata: RegistryMetadata = { p: entry.id, v: entry.version, r: term?.startsOn ?? null };
  const partner = escapeMrkdwn(`${entry.name} (${entry.id})`);
  return modal({
    callbackId: VIEWS.contract,
    title: f.t('registry.contractTitle'),
    submit: f.t('registry.save'),
    close: f.t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      section(f.t(term ? 'registry.contractIntro' : 'registry.contractNew', { partner })),
      date(CONTRACT_BLOCKS.startsOn, f.t('registry.startsOn'), term?.startsOn),
      date(CONTRACT_BLOCKS.endsOn, f.t('registry.endsOn'), term?.endsOn),
      date(CONTRACT_BLOCKS.renewalNoticeOn, f.t('registry.renewalNoticeOn'), term?.renewalNoticeOn, { optional: true, hint: f.t('registry.renewalHint') }),
    ],
  });
}
