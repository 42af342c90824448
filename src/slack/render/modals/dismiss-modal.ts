import { INPUTS, VIEWS } from '../../action-ids.ts';
import { input, modal, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** R-SCREEN: dismissing a partner's report needs a reason, which the reporter is told. */
export function dismissModal(f: Fmt, caseId: string): ModalView {
  const { t } = f;
  return modal({
    callbackId: VIEWS.dismiss,
    title: t('dismiss.title'),
    submit: t('dismiss.submit'),
    close: t('common.cancel'),
    privateMetadata: JSON.stringify({ caseId }),
    blocks: [
      section(t('dismiss.intro', { caseId })),
      input({ blockId: 'reason', label: t('dismiss.reason'), element: { type: 'plain_text_input', action_id: INPUTS.reasons, multiline: true, max_length: 2500 } }),
    ],
  });
}
