import type { Locale, Translate } from '../../../messages/i18n.ts';

/** How people, times, money and catalog items read in a message, in the reader's language. */
export interface Fmt {
  t: Translate;
  locale: Locale;
}

export function stateText(f: Fmt, state: string): string {
  return f.t(`state.${state}`);
}
