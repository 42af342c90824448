import { translator } from '../../../messages/i18n.ts';
import { context, header, message, section } from '../blocks.ts';
import { formatDateTime } from '../format.ts';
import { escapeMrkdwn } from '../mrkdwn.ts';
import type { Renderer } from '../notification-of.ts';

/**
 * R-CALENDAR: a deadline fell in a year whose official schedule is not
 * loaded, so it was counted on weekends alone; the admins load the year and
 * provisional deadlines are recomputed (only ever later).
 */
export const renderCalendarProvisional: Renderer<'calendar_provisional'> = (n, locale) => {
  const t = translator(locale);
  const years = n.years.map((y) => escapeMrkdwn(String(y))).join(', ');
  const caseId = escapeMrkdwn(n.caseId);
  const due = formatDateTime(n.due, locale);
  return message(
    t('notification.calendar_provisional.text', { years, caseId }),
    [
      header(t('notification.calendar_provisional.title')),
      section(t('notification.calendar_provisional.intro', { years, caseId, due })),
      section(t('notification.calendar_provisional.fix', { years: n.years.map((y) => escapeMrkdwn(String(y))).join(' ') })),
      context(t('notification.calendar_provisional.rule')),
    ],
    t('notification.common.shortened', { caseId }),
  );
};
