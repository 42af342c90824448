import { modal, section, type ModalView } from '../views/blocks.ts';
import type { Fmt } from '../views/format.ts';

/** What a submitted modal turns into: a short confirmation the person closes. */
export function doneModal(f: Fmt, title: string, text: string): ModalView {
  return modal({ callbackId: 'done', title, close: f.t('common.close'), blocks: [section(text)] });
}
