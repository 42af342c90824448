import { formatShanghai } from '../../../domain/dates.ts';
import type { Locale, Translate } from '../../i18n/i18n.ts';

/** How people, times, money and catalog items read in a message, in the reader's language. */
export interface Fmt {
  t: Translate;
  locale: Locale;
}

/** An instant, Beijing time, to the minute: "2026-06-04 23:59 (Beijing time)". */
export function when(f: Fmt, instant: Date | string | null | undefined): string {
  if (!instant) return '—';
  const iso = typeof instant === 'string' ? instant : formatShanghai(instant);
  return f.t('common.at', { time: `${iso.slice(0, 10)} ${iso.slice(11, 16)}` });
}

export function stateText(f: Fmt, state: string): string {
  return f.t(`state.${state}`);
}
