import { describe, expect, it } from 'vitest';
import { parseCalendarCsv } from '../../../src/domain/calendar/calendar-csv.ts';

const lines = (...ls: string[]) => ls.join('\n') + '\n';

describe('R-CALENDAR: an admin loads a year\'s schedule from a CSV file', () => {
  it('reads holidays and make-up working days, and names the years they cover', () => {
    const result = parseCalendarCsv(
      lines('date,kind', '2027-01-01,holiday', '2027-02-06,holiday', '2027-02-07,workday', '2027-10-01,holiday'),
    );
    expect(result).toEqual({
      ok: true,
      years: [2027],
      days: [
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-02-06', kind: 'holiday' },
        { date: '2027-02-07', kind: 'workday' },
        { date: '2027-10-01', kind: 'holiday' },
      ],
    });
  });

  it('allows a holiday on a weekend (a holiday period that spans one)', () => {
    // 2027-01-02 is a Saturday.
    expect(parseCalendarCsv(lines('date,kind', '2027-01-02,holiday'))).toMatchObject({ ok: true });
  });

  it('lists every year a file spans, ascending', () => {
    const result = parseCalendarCsv(lines('date,kind', '2028-01-01,holiday', '2027-12-31,holiday'));
    expect(result).toMatchObject({ ok: true, years: [2027, 2028] });
  });

  it('accepts a BOM, Windows line endings, blank lines, spaces and a capitalised kind', () => {
    const result = parseCalendarCsv('\uFEFFdate,kind\r\n\r\n 2027-01-01 , Holiday \r\n2027-02-07,WORKDAY\r\n');
    expect(result).toEqual({
      ok: true,
      years: [2027],
      days: [
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-02-07', kind: 'workday' },
      ],
    });
  });
});

describe('R-CALENDAR: a bad file is refused whole, with every bad row and its line', () => {
  it('lists each bad row with its 1-based line number and loads nothing', () => {
    const result = parseCalendarCsv(
      lines(
        'date,kind', //                line 1
        '2027-01-01,holiday', //       line 2: fine
        '2027-02-30,holiday', //       line 3: no such day
        '2027/02/06,holiday', //       line 4: wrong format
        '2027-02-08,vacation', //      line 5: unknown kind
        '2027-01-01,holiday', //       line 6: duplicate of line 2
        '2027-02-08,workday', //       line 7: a Monday is already a working day
        '2027-02-13,workday', //       line 8: fine (Saturday)
        '2027-02-14,holiday,extra', // line 9: too many columns
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 9]);
    expect(result.errors[0]?.reason).toMatch(/2027-02-30.*not a real date/);
    expect(result.errors[1]?.reason).toMatch(/2027\/02\/06/);
    expect(result.errors[2]?.reason).toMatch(/vacation/);
    expect(result.errors[3]?.reason).toMatch(/already listed on line 2/);
    expect(result.errors[4]?.reason).toMatch(/Monday–Friday/);
    expect(result.errors[5]?.reason).toMatch(/2 columns/);
  });

  it('skips blank lines but counts them when numbering rows', () => {
    const result = parseCalendarCsv(lines('date,kind', '', '2027-01-01,holiday', '  ', ',', '2027-13-01,holiday'));
    expect(result).toMatchObject({ ok: false, errors: [{ line: 6 }] });
  });

  it('numbers a row by the line it starts on when a quoted field spans lines', () => {
    const result = parseCalendarCsv('date,kind\n"2027-01\n-01",holiday\n2027-01-02,nope\n');
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2 }, { line: 4 }] });
  });

  it('reports a row with both a bad date and a bad kind once, naming both problems', () => {
    const result = parseCalendarCsv(lines('date,kind', 'tomorrow,party'));
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2 }] });
    if (result.ok) return;
    expect(result.errors[0]?.reason).toMatch(/tomorrow/);
    expect(result.errors[0]?.reason).toMatch(/party/);
  });

  it('reports a row with too few columns', () => {
    expect(parseCalendarCsv(lines('date,kind', '2027-01-01'))).toMatchObject({ ok: false, errors: [{ line: 2 }] });
  });

  it.each([
    ['an empty file', ''],
    ['a file without the date,kind header', lines('2027-01-01,holiday')],
    ['a header with other columns', lines('day,type', '2027-01-01,holiday')],
    ['a header with an extra column', lines('date,kind,name', '2027-01-01,holiday,元旦')],
  ])('refuses %s, pointing at line 1', (_case, text) => {
    const result = parseCalendarCsv(text);
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it('refuses a header with no days', () => {
    expect(parseCalendarCsv(lines('date,kind'))).toMatchObject({ ok: false, errors: [{ line: 1, reason: expect.stringMatching(/no days/) }] });
  });

  it('refuses text that is not valid CSV, naming the line', () => {
    const result = parseCalendarCsv(lines('date,kind', '2027-01-01,holiday', '"2027-01-02"x,holiday'));
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, reason: expect.stringMatching(/not valid CSV/) }] });
  });
});
