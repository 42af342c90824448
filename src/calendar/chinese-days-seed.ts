import { createRequire } from 'node:module';
import { isLocalDate, yearOf } from '../domain/dates.ts';
import type { LocalDate } from '../domain/dates.ts';
import type { CalendarDayKind } from '../domain/calendar/working-day-calendar.ts';

/**
 * R-CALENDAR: the years the `chinese-days` package knows seed the calendar.
 * We read its data file rather than call `isWorkday`, because for a year it
 * does not know (2027 in 1.5.7) the package silently answers plain weekdays;
 * from the data we can tell which years it actually covers and claim only those.
 */

export interface CalendarSeedDay {
  date: LocalDate;
  kind: CalendarDayKind;
  name: string | null;
}

export interface CalendarSeed {
  years: number[];
  days: CalendarSeedDay[];
}

/** Values look like "National Day,国庆节,3": English name, Chinese name, holiday number. */
type DayTable = Record<string, string>;
interface ChineseDaysData {
  holidays: DayTable;
  workdays: DayTable;
}

function loadData(): ChineseDaysData {
  // A JSON file in a CommonJS package: require is the one loader that works unchanged under tsx, vitest and node.
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as Partial<ChineseDaysData>;
  if (typeof data.holidays !== 'object' || data.holidays === null || typeof data.workdays !== 'object' || data.workdays === null) {
    throw new Error('chinese-days: dist/chinese-days.json has no "holidays"/"workdays" tables; the package layout changed');
  }
  return { holidays: data.holidays, workdays: data.workdays };
}

/** The Chinese name is what the policy and the partners use (节假日名称). */
function nameOf(value: string): string | null {
  const parts = value.split(',').map((p) => p.trim());
  return parts[1] || parts[0] || null;
}

/**
 * A year counts as known only when the package lists both its Spring Festival
 * and its National Day holidays: every official schedule since 2000 has both,
 * so a year with only a spill-over day (e.g. a New Year holiday starting on
 * 31 December) is not claimed.
 */
function knownYears(holidays: DayTable): number[] {
  const seen = new Map<number, Set<string>>();
  for (const [date, value] of Object.entries(holidays)) {
    const year = yearOf(date);
    const names = seen.get(year) ?? new Set<string>();
    names.add(value);
    seen.set(year, names);
  }
  const years: number[] = [];
  for (const [year, values] of seen) {
    const all = [...values].join('\n');
    if (all.includes('春节') && all.includes('国庆')) years.push(year);
  }
  return years.sort((a, b) => a - b);
}

export function chineseDaysSeed(): CalendarSeed {
  const { holidays, workdays } = loadData();
  const years = knownYears(holidays);
  const yearSet = new Set(years);

  const days: CalendarSeedDay[] = [];
  const add = (table: DayTable, kind: CalendarDayKind) => {
    for (const [date, value] of Object.entries(table)) {
      if (!isLocalDate(date)) throw new Error(`chinese-days: "${date}" in its ${kind}s table is not a YYYY-MM-DD date`);
      // R-CALENDAR: a day of a year we do not claim would make that year look half-loaded.
      if (!yearSet.has(yearOf(date))) continue;
      days.push({ date, kind, name: nameOf(value) });
    }
  };
  add(holidays, 'holiday');
  add(workdays, 'workday');
  const holidayDates = new Set(Object.keys(holidays));
  const clash = Object.keys(workdays).find((d) => holidayDates.has(d));
  if (clash) throw new Error(`chinese-days: ${clash} is listed both as a holiday and as a make-up working day`);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years, days };
}
