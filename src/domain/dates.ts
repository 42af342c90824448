import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import { DomainError } from './errors.ts';

dayjs.extend(utc);

/**
 * A calendar day in Asia/Shanghai, as `YYYY-MM-DD`. Days are strings so that
 * no process time zone can shift them (R-FY: all dates are Asia/Shanghai).
 * Arithmetic runs in UTC, where a day is always 24 hours.
 */
export type LocalDate = string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Shanghai has had no daylight saving since 1991: a fixed offset is exact. */
export const SHANGHAI_OFFSET = '+08:00';
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

// Whole days and a fixed offset need no calendar library: the Date arithmetic below is exact,
// and it runs on every deadline counted (a working-day count steps day by day), so it stays cheap.
// dayjs does what needs a calendar: months and differences.

/** UTC midnight of a day. */
function utcMidnight(d: LocalDate): Date {
  return new Date(`${d}T00:00:00Z`);
}

/** An instant as ISO text read on a clock `offsetMs` ahead of UTC (the trailing Z then means that clock). */
function isoAt(instant: Date, offsetMs: number): string {
  return new Date(instant.getTime() + offsetMs).toISOString();
}

export function isLocalDate(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const t = utcMidnight(s);
  // 2026-02-30 is either refused or rolled over to March: both differ from the text.
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

export function parseLocalDate(s: string, field = 'date'): LocalDate {
  if (!isLocalDate(s)) {
    throw new DomainError('input.bad_date', `${field} must be a real date written YYYY-MM-DD, got "${s}"`);
  }
  return s;
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = utcMidnight(d);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Calendar months; the 31st becomes the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  return dayjs.utc(d).add(n, 'month').format('YYYY-MM-DD');
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

/** Saturday or Sunday (R-WORKDAY's plain week). */
export function isWeekend(d: LocalDate): boolean {
  const wd = weekdayOf(d);
  return wd === 0 || wd === 6;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: LocalDate): number {
  return utcMidnight(d).getUTCDay();
}

/** The Shanghai calendar day of an instant. */
export function shanghaiDateOf(instant: Date): LocalDate {
  return isoAt(instant, SHANGHAI_OFFSET_MS).slice(0, 10);
}

/** 23:59:59 Shanghai time of a day, as an instant (R-WORKDAY deadlines). */
export function endOfShanghaiDay(d: LocalDate): Date {
  return new Date(`${d}T23:59:59${SHANGHAI_OFFSET}`);
}

export function startOfShanghaiDay(d: LocalDate): Date {
  return new Date(`${d}T00:00:00${SHANGHAI_OFFSET}`);
}

/** An instant written in Shanghai time with its offset, e.g. 2025-10-11T23:59:59+08:00. */
export function formatShanghai(instant: Date): string {
  return `${isoAt(instant, SHANGHAI_OFFSET_MS).slice(0, 19)}${SHANGHAI_OFFSET}`;
}

/**
 * R-FY: the fiscal year runs 1 April – 31 March and is named by the year in
 * which it ends (FY22 = 2021-04-01 … 2022-03-31).
 */
export function fiscalYearOf(d: LocalDate): { name: string; start: LocalDate; end: LocalDate } {
  const y = yearOf(d);
  const endYear = d.slice(5) >= '04-01' ? y + 1 : y;
  return {
    name: `FY${String(endYear % 100).padStart(2, '0')}`,
    start: `${endYear - 1}-04-01`,
    end: `${endYear}-03-31`,
  };
}

/** A wall-clock time on a Shanghai day, as an instant (reminders go out at 09:00). */
export function atShanghai(d: LocalDate, hhmm: string): Date {
  return new Date(`${d}T${hhmm}:00${SHANGHAI_OFFSET}`);
}

/** The Shanghai wall-clock time of an instant, `HH:mm`. */
export function shanghaiTimeOf(instant: Date): string {
  return isoAt(instant, SHANGHAI_OFFSET_MS).slice(11, 16);
}
