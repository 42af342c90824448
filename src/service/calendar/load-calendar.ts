import { replaceCalendarYears } from '../../db/repositories/calendar.repository.ts';
import { parseCalendarCsv } from '../../domain/calendar/calendar-csv.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { badRows, sha256, type ImportDeps, type ImportFile } from '../imports/import-file.ts';

/**
 * R-CALENDAR: an admin loads a year's official schedule when the State
 * Council publishes it. The file replaces the whole of each year it names.
 */
export async function loadCalendarFile(deps: ImportDeps, file: ImportFile): Promise<{ years: number[]; days: number }> {
  const parsed = parseCalendarCsv(file.text);
  if (!parsed.ok) throw badRows(file.name, parsed.errors);
  await deps.db.transaction(async (tx) => {
    await replaceCalendarYears(tx, parsed.years, parsed.days.map((d) => ({ ...d, name: null })), `admin:${deps.actor}`);
    await appendAudit(tx, {
      actor: deps.actor,
      action: 'calendar.loaded',
      subject: 'calendar',
      payload: { file: file.name, sha256: sha256(file.text), years: parsed.years, days: parsed.days.length },
      at: deps.clock.now(),
    });
  });
  return { years: parsed.years, days: parsed.days.length };
}
