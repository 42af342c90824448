import { isLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { applyForExit, checkExits, type ExitDeps, type ExitDone } from '../../service/exits/exit-partner.ts';
import { today } from '../../service/clock.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { CliContext } from '../cli-context.ts';
import type { Command } from '../command.ts';

const checkUsage = 'exit check [--on DATE] [--json]';
const applyUsage = 'exit apply --partner ID --on DATE --end DATE --agreement DATE [--checklist-complete] [--json]';

/** The one checklist item the CLI records: the customer placement §6.3.1 asks for (R-EXIT-VOLUNTARY). */
const PLACEMENT = 'customer placement';

function dateOption(value: string | undefined, flag: string, usage: string): LocalDate {
  const v = requireOption(value, flag, usage);
  if (!isLocalDate(v)) throw new DomainError('cli.usage', `${flag} "${v}" is not a real date written YYYY-MM-DD. Usage: ${usage}`);
  return v;
}

const exitDeps = (ctx: CliContext): ExitDeps => ({ db: ctx.database.db, clock: ctx.clock, jobs: ctx.cases.jobs, actor: ctx.actor });

function exitJson(d: ExitDone) {
  return { partner_id: d.partnerId, kind: d.kind, rule: d.rule, ends_on: d.endsOn, basis: d.basis, contacts_removed: d.contacts.map((c) => `${c.platform}:${c.userId}`) };
}

export const exitCommands: Command[] = [
  {
    name: 'exit check',
    usage: checkUsage,
    summary: 'end the qualification of every partner whose exit is due on the day (R-EXIT-*; the daily job does this; idempotent)',
    async run(ctx, args) {
      const { values } = parseCommandArgs(args, { on: { type: 'string' } }, checkUsage);
      const on = values.on === undefined ? today(ctx.clock) : dateOption(values.on, '--on', checkUsage);
      const done = await checkExits(exitDeps(ctx), on);
      const lines = done.map((d) => `  ${d.partnerId}: exited from ${d.endsOn} (${d.rule}: ${d.basis}); ${d.contacts.length} contact(s) told and removed`);
      return { json: { on, exited: done.map(exitJson) }, text: done.length === 0 ? `No exit due on ${on}.` : [`Exits applied on ${on}:`, ...lines].join('\n') };
    },
  },
  {
    name: 'exit apply',
    usage: applyUsage,
    summary: "record a partner's voluntary exit application (1 month's notice, customer placement complete; R-EXIT-VOLUNTARY)",
    async run(ctx, args) {
      const { values } = parseCommandArgs(
        args,
        { partner: { type: 'string' }, on: { type: 'string' }, end: { type: 'string' }, agreement: { type: 'string' }, 'checklist-complete': { type: 'boolean' } },
        applyUsage,
      );
      const a = {
        partnerId: requireOption(values.partner, '--partner', applyUsage),
        appliedOn: dateOption(values.on, '--on', applyUsage),
        requestedEndOn: dateOption(values.end, '--end', applyUsage),
        agreementOn: dateOption(values.agreement, '--agreement', applyUsage),
        checklist: [{ item: PLACEMENT, done: values['checklist-complete'] === true }],
      };
      const r = await applyForExit(exitDeps(ctx), a);
      const text = `${r.recorded ? 'Recorded' : 'Already recorded'}: ${a.partnerId}'s voluntary exit applied on ${a.appliedOn}; the qualification ends on ${a.agreementOn} (the termination agreement date, R-EXIT-VOLUNTARY) when \`exit check\` reaches that day.`;
      return { json: { recorded: r.recorded, partner_id: a.partnerId, applied_on: a.appliedOn, requested_end_on: a.requestedEndOn, ends_on: a.agreementOn }, text };
    },
  },
];
