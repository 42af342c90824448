import { INPUTS } from '../../action-ids.ts';
import type { Translate } from '../../../messages/i18n.ts';
import { input, plain, type Block } from '../views/blocks.ts';

/** Block ids of the evidence inputs; a DomainError's `details.field` 'evidence' points at the links. */
export const EVIDENCE_BLOCKS = { links: 'evidence', files: 'evidence_files' } as const;

/**
 * Links (one per line) and files. Both are optional for Slack: whether
 * evidence is required is the use case's call (R-EVIDENCE, R-REPLY), and its
 * refusal comes back as an inline error on the links.
 */
export function evidenceInputs(t: Translate, opts: { required: boolean }): Block[] {
  return [
    input({
      blockId: EVIDENCE_BLOCKS.links,
      label: t('evidence.links'),
      optional: true,
      hint: opts.required ? t('evidence.linksHintRequired') : t('evidence.linksHint'),
      element: { type: 'plain_text_input', action_id: INPUTS.links, multiline: true, max_length: 3000, placeholder: plain('https://…') },
    }),
    input({
      blockId: EVIDENCE_BLOCKS.files,
      label: t('evidence.files'),
      optional: true,
      hint: t('evidence.filesHint'),
      element: { type: 'file_input', action_id: INPUTS.files, max_files: 10 },
    }),
  ];
}
