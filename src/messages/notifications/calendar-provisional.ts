import { commandArg, platformWords } from '../platform-words.ts';
import { translator } from '../i18n.ts';
import { formatDateTime } from '../format.ts';
import { join, tr, user } from '../inline.ts';
import { context, document, paragraph, title } from './document.ts';
import type { Composer } from './notification-of.ts';

/**
 * R-CALENDAR: a deadline fell in a year whose official schedule is not
 * loaded, so it was counted on weekends alone; the admins load the year and
 * provisional deadlines are recomputed (only ever later).
 */
export const composeCalendarProvisional: Composer<'calendar_provisional'> = (n, locale) => {
  const t = translator(locale);
  const years = join(n.years.map((y) => [user(String(y))]), ', ');
  const caseId = user(n.caseId);
  const due = formatDateTime(n.due, locale);
  return document(
    tr(t, 'notification.calendar_provisional.text', { years, caseId }),
    [
      title(t('notification.calendar_provisional.title')),
      paragraph(tr(t, 'notification.calendar_provisional.intro', { years, caseId, due })),
      paragraph(tr(t, 'notification.calendar_provisional.fix', { years: join(n.years.map((y) => [user(String(y))]), ' ') })),
      context(tr(t, 'notification.calendar_provisional.rule')),
    ],
    tr(t, 'notification.common.shortened', { ...platformWords(locale), caseId: commandArg(caseId) }),
  );
};
