import { partnerCategoryKinds } from '../../../db/schema/index.ts';
import type { RegistryEntry } from '../../../service/registry/registry-entry.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, section, type Block, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { RegistryMetadata } from './registry-metadata.ts';

/** Block ids of the partner modal: one level input per category (R-CAT). */
export const PARTNER_BLOCKS = {
  partnerId: 'partner_id',
  name: 'name',
  levelOf: (category: string) => `level_${category}`,
  slackContacts: 'slack_contacts',
  dingtalkContacts: 'dingtalk_contacts',
} as const;

/**
 * `/partner add` (no entry) and `/partner edit PARTNER` (prefilled with its
 * entry, whose version it carries): name, a level per category held
 * (blank = not held), and contacts.
 */
export function partnerModal(f: Fmt, entry?: RegistryEntry): ModalView {
  const levelOf = new Map(entry?.categories.map((c) => [c.category, c.level]));
  const contactsOn = (platform: string) => entry?.contacts.filter((c) => c.platform === platform).map((c) => c.userId).join(' ') ?? '';
  const text = (blockId: string, label: string, initial: string, opts: { optional?: boolean; hint?: string; max?: number } = {}, actionId: string = blockId): Block =>
    input({
      blockId, label, optional: opts.optional ?? false, ...(opts.hint ? { hint: opts.hint } : {}),
      element: { type: 'plain_text_input', action_id: actionId, max_length: opts.max ?? 3000, ...(initial ? { initial_value: initial } : {}) },
    });
  const metadata: RegistryMetadata = entry ? { p: entry.id, v: entry.version } : {};
  return modal({
    callbackId: VIEWS.partner,
    title: f.t(entry ? 'registry.editTitle' : 'registry.addTitle'),
    submit: f.t('registry.save'),
    close: f.t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      section(entry ? f.t('registry.editIntro', { partner: escapeMrkdwn(`${entry.name} (${entry.id})`) }) : f.t('registry.intro')),
      ...(entry ? [] : [text(PARTNER_BLOCKS.partnerId, f.t('registry.partnerId'), '', { hint: f.t('registry.partnerIdHint'), max: 64 }, INPUTS.partnerId)]),
      text(PARTNER_BLOCKS.name, f.t('registry.name'), entry?.name ?? '', { max: 200 }, INPUTS.name),
      ...partnerCategoryKinds.map((category) =>
        text(PARTNER_BLOCKS.levelOf(category), f.t('registry.levelOf', { category }), levelOf.get(category) ?? '', { optional: true, hint: f.t('registry.levelHint'), max: 40 }, INPUTS.level),
      ),
      text(PARTNER_BLOCKS.slackContacts, f.t('registry.slackContacts'), contactsOn('slack'), { optional: true, hint: f.t('registry.slackHint') }, INPUTS.contacts),
      text(PARTNER_BLOCKS.dingtalkContacts, f.t('registry.dingtalkContacts'), contactsOn('dingtalk'), { optional: true, hint: f.t('registry.dingtalkHint') }, INPUTS.contacts),
    ],
  });
}
