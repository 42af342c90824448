import { VIEWS } from '../../action-ids.ts';
import { section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';
import { caseModal, reasonsInput } from './case-modal.ts';

/** R-SCREEN: dismissing a partner's report needs a reason, which the reporter is told. */
export function dismissModal(f: Fmt, caseId: string): ModalView {
  return caseModal(f, {
    caseId,
    callbackId: VIEWS.dismiss,
    texts: 'dismiss',
    blocks: [section(f.t('dismiss.intro', { caseId })), reasonsInput('reason', f.t('dismiss.reason'))],
  });
}
