import { loadedYears } from '../../db/repositories/calendar.repository.ts';
import { loadCalendarFile } from '../../service/calendar/load-calendar.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readInputFile } from './import.command.ts';

const loadUsage = 'calendar load FILE.csv [--json]   (header date,kind; kind holiday|workday)';
const yearsUsage = 'calendar years [--json]';

export const calendarCommands: Command[] = [
  {
    name: 'calendar load',
    usage: loadUsage,
    summary: 'load a year of China’s official holiday schedule (R-CALENDAR)',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, loadUsage);
      const file = await readInputFile(onePositional(positionals, 'FILE.csv', loadUsage));
      const r = await loadCalendarFile({ db: ctx.database.db, clock: ctx.clock, actor: ctx.actor, calendar: ctx.cases.calendar }, file);
      return {
        json: { ok: true, years: r.years, days: r.days, deadlines_moved: r.moved, deadlines_settled: r.settled },
        text: `Loaded ${r.years.join(', ')}: ${r.days} holiday and make-up days; ${r.settled} provisional deadline(s) settled, ${r.moved} moved later`,
      };
    },
  },
  {
    name: 'calendar years',
    usage: yearsUsage,
    summary: 'the years whose official schedule is loaded',
    async run(ctx, args) {
      parseCommandArgs(args, {}, yearsUsage);
      const years = [...(await loadedYears(ctx.database.db))].sort(([a], [b]) => a - b);
      return {
        json: { years: years.map(([year, source]) => ({ year, source })) },
        text: years.map(([year, source]) => `${year}  ${source}`).join('\n'),
      };
    },
  },
];
