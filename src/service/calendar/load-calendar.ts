import { replaceCalendarYears } from '../../db/repositories/calendar.repository.ts';
import { parseCalendarCsv } from '../../domain/calendar/calendar-csv.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { recomputeProvisionalDeadlines } from '../deadlines/recompute-provisional.ts';
import { noJobScheduler, type JobScheduler } from '../jobs-port.ts';
import type { CalendarCache } from './calendar-cache.ts';
import { badRows, sha256, type ImportDeps, type ImportFile } from '../imports/import-file.ts';

/**
 * R-CALENDAR: an admin loads a year's official schedule when the State
 * Council publishes it. The file replaces the whole of each year it names.
 */
export async function loadCalendarFile(
  deps: ImportDeps & { jobs?: JobScheduler; calendar?: CalendarCache },
  file: ImportFile,
): Promise<{ years: number[]; days: number; moved: number; settled: number }> {
  const parsed = parseCalendarCsv(file.text);
  if (!parsed.ok) throw badRows(file.name, parsed.errors);
  const r = await deps.db.transaction(async (tx) => {
    await replaceCalendarYears(tx, parsed.years, parsed.days.map((d) => ({ ...d, name: null })), `admin:${deps.actor}`);
    await appendAudit(tx, {
      actor: deps.actor,
      action: 'calendar.loaded',
      subject: 'calendar',
      payload: { file: file.name, sha256: sha256(file.text), years: parsed.years, days: parsed.days.length },
      at: deps.clock.now(),
    });
    return recomputeProvisionalDeadlines(tx, { clock: deps.clock, jobs: deps.jobs ?? noJobScheduler });
  });
  deps.calendar?.invalidate();
  return { years: parsed.years, days: parsed.days.length, ...r };
}
