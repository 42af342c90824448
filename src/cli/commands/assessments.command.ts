import { assessedCategoryKinds, assessmentsDue } from '../../domain/assessments/assessment-cycle.ts';
import { remindAdminsOfAssessments } from '../../service/assessments/assessment-reminders.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

const dueUsage = 'assessments due --month YYYY-MM [--json]';
const remindUsage = 'assessments remind [--json]';

export const assessmentsCommands: Command[] = [
  {
    name: 'assessments due',
    usage: dueUsage,
    summary: 'the assessments each category has in a month (R-ASSESS)',
    async run(_ctx, args) {
      const { values } = parseCommandArgs(args, { month: { type: 'string' } }, dueUsage);
      const month = requireOption(values.month, '--month', dueUsage);
      const due = assessedCategoryKinds.map((category) => ({ category, periods: assessmentsDue(category, month).map((p) => p.name) }));
      const lines = due.map((d) => `  ${d.category}: ${d.periods.length > 0 ? d.periods.join(', ') : 'none'}`);
      return { json: { month, due }, text: [`Assessments in ${month} (R-ASSESS):`, ...lines].join('\n') };
    },
  },
  {
    name: 'assessments remind',
    usage: remindUsage,
    summary: "DM each admin before an assessment month (the bot's daily job does this; idempotent)",
    async run(ctx, args) {
      parseCommandArgs(args, {}, remindUsage);
      const r = await remindAdminsOfAssessments(ctx.cases);
      const text = r.month === null
        ? 'No assessment reminder is due today.'
        : `Assessment month ${r.month}: ${r.reminded.length} admin(s) reminded${r.reminded.length > 0 ? ` (${r.reminded.join(', ')})` : ' (every admin was reminded before)'}`;
      return { json: r, text };
    },
  },
];
