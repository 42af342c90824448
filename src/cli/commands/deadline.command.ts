import { loadCalendarData } from '../../db/repositories/calendar.repository.ts';
import { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts';
import { formatShanghai, parseLocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'deadline --from DATE --working-days N [--json]';

export const deadlineCommand: Command = {
  name: 'deadline',
  usage,
  summary: 'the deadline N working days after a day (R-WORKDAY)',
  async run(ctx, args) {
    const { values } = parseCommandArgs(args, { from: { type: 'string' }, 'working-days': { type: 'string' } }, usage);
    const from = parseLocalDate(requireOption(values.from, '--from', usage), '--from');
    const nText = requireOption(values['working-days'], '--working-days', usage);
    if (!/^\d+$/.test(nText) || Number(nText) < 1 || Number(nText) > 365) {
      throw new DomainError('input.bad_count', `--working-days must be a whole number from 1 to 365, got "${nText}"`);
    }
    const calendar = new WorkingDayCalendar(await loadCalendarData(ctx.database.db));
    const d = calendar.deadline(from, Number(nText));
    const due = formatShanghai(d.due);
    const json = { from, working_days: Number(nText), due, due_day: d.dueDay, provisional: d.provisional, unloaded_years: d.unloadedYears };
    const note = d.provisional ? ` (provisional: ${d.unloadedYears.join(', ')} not loaded; counted on weekends alone, R-CALENDAR)` : '';
    return { json, text: `Due ${due}${note}` };
  },
};
