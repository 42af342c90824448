import { byLine, readCsvTable, type CsvRowError } from '../csv/csv-table.ts';
import { isLocalDate, isWeekend, yearOf } from '../dates.ts';
import type { LocalDate } from '../dates.ts';
import type { CalendarDayKind } from './working-day-calendar.ts';

/**
 * R-CALENDAR: an admin loads a year's official schedule (published by the
 * State Council) as a CSV file with the header `date,kind`, one exception a row.
 * All or nothing: one bad row rejects the file, and every bad row is listed
 * with its 1-based line in the file so the admin can fix them in one pass.
 */

export interface CalendarCsvDay {
  date: LocalDate;
  kind: CalendarDayKind;
}

export type CalendarCsvError = CsvRowError;

export type CalendarCsvResult =
  | { ok: true; years: number[]; days: CalendarCsvDay[] }
  | { ok: false; errors: CalendarCsvError[] };

const HEADER = ['date', 'kind'] as const;
const KINDS: readonly CalendarDayKind[] = ['holiday', 'workday'];

function isKind(s: string): s is CalendarDayKind {
  return (KINDS as readonly string[]).includes(s);
}


export function parseCalendarCsv(text: string): CalendarCsvResult {
  const table = readCsvTable(text, HEADER, 'days');
  if (!table.ok) return { ok: false, errors: table.errors };

  const errors: CalendarCsvError[] = [...table.errors];
  const days: CalendarCsvDay[] = [];
  const firstLineOf = new Map<LocalDate, number>();

  for (const { cells, line } of table.rows) {
    const date = cells.date ?? '';
    const kind = (cells.kind ?? '').toLowerCase();
    const rowErrors: string[] = [];

    const dateOk = isLocalDate(date);
    if (!dateOk) rowErrors.push(`"${date}" is not a real date written YYYY-MM-DD`);
    if (!isKind(kind)) rowErrors.push(`kind "${cells.kind ?? ''}" is neither "holiday" nor "workday"`);

    if (dateOk) {
      const first = firstLineOf.get(date);
      if (first !== undefined) rowErrors.push(`${date} is already listed on line ${first}`);
      else firstLineOf.set(date, line);
      // R-WORKDAY: a make-up working day only means something on a weekend; on Monday–Friday it is a typo.
      if (kind === 'workday' && !isWeekend(date)) {
        rowErrors.push(`${date} is a Monday–Friday, already a working day; a "workday" row must be a Saturday or Sunday`);
      }
    }

    if (rowErrors.length > 0) errors.push({ line, reason: rowErrors.join('; ') });
    else if (isKind(kind)) days.push({ date, kind });
  }

  if (errors.length > 0) return { ok: false, errors: byLine(errors) };
  const years = [...new Set(days.map((d) => yearOf(d.date)))].sort((a, b) => a - b);
  return { ok: true, years, days };
}
