import { partnerCategoryKinds } from '../../../db/schema/index.ts';
import type { RegistryEntry } from '../../../service/registry/registry-entry.ts';
import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, option, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { RegistryMetadata } from './registry-metadata.ts';

export const PROGRAM_BLOCKS = { action: 'action', program: 'program', category: 'category', joinedOn: 'joined_on' } as const;

/** `/partner program PARTNER`: the partner joined a program, or left one (R-CAT, §2.2). */
export function programModal(f: Fmt, entry: RegistryEntry): ModalView {
  const metadata: RegistryMetadata = { p: entry.id, v: entry.version };
  const member = entry.programs.map((m) => `“${m.program}” (${m.category}, ${m.joinedOn})`).join(', ') || f.t('registry.noPrograms');
  const join = option(f.t('registry.join'), 'join');
  return modal({
    callbackId: VIEWS.program,
    title: f.t('registry.programTitle'),
    submit: f.t('registry.save'),
    close: f.t('common.cancel'),
    privateMetadata: JSON.stringify(metadata),
    blocks: [
      section(f.t('registry.programIntro', { partner: escapeMrkdwn(`${entry.name} (${entry.id})`), programs: escapeMrkdwn(member) })),
      input({ blockId: PROGRAM_BLOCKS.action, label: f.t('registry.action'), element: { type: 'radio_buttons', action_id: INPUTS.programAction, initial_option: join, options: [join, option(f.t('registry.leave'), 'leave')] } }),
      input({ blockId: PROGRAM_BLOCKS.program, label: f.t('registry.program'), element: { type: 'plain_text_input', action_id: INPUTS.program, max_length: 100 } }),
      input({
        blockId: PROGRAM_BLOCKS.category, label: f.t('registry.programCategory'), optional: true, hint: f.t('registry.programCategoryHint'),
        element: { type: 'static_select', action_id: INPUTS.category, options: partnerCategoryKinds.map((c) => option(c, c)) },
      }),
      input({ blockId: PROGRAM_BLOCKS.joinedOn, label: f.t('registry.joinedOn'), optional: true, element: { type: 'datepicker', action_id: INPUTS.date } }),
    ],
  });
}
