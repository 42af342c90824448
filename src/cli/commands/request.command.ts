import { requestKinds, type Block } from '../../domain/requests/partner-request.ts';
import { blocksToJson, requestForPartner } from '../../service/requests/partner-request.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import { cliActor } from '../cli-context.ts';
import type { Command } from '../command.ts';

const WHAT: Record<(typeof requestKinds)[number], string> = {
  upgrade: 'an upgrade',
  onboarding: 'a new onboarding (incl. adding a partner admin account)',
  program: 'joining a program',
};

/** One English line per block: what holds the request, which case, which rule, and the day it lifts. */
export function blockLine(b: Block): string {
  const by = b.caseId ? ` by case ${b.caseId}` : '';
  const lifts =
    b.kind === 'late_payment' ? 'until everything owed is paid' : b.until === null ? 'for good' : `until ${b.until} (allowed from that day)`;
  const what = b.kind === 'terminated' ? 'the partnership was terminated' : b.kind === 'exited' ? 'the partner has exited' : `restriction ${b.kind}`;
  return `  blocked: ${what}${by} (${b.rule}), ${lifts}`;
}

function requestCommand(kind: (typeof requestKinds)[number]): Command {
  const usage = `request ${kind} --partner ID --on DATE${kind === 'upgrade' ? ' --category C' : kind === 'program' ? ' --program NAME' : ' [--category C]'} [--json]`;
  return {
    name: `request ${kind}`,
    usage,
    summary: `may the partner have ${WHAT[kind]} on the day? grants and records it, or names what blocks it (R-RESTRICT, R-LATE)`,
    async run(ctx, args) {
      const { values } = parseCommandArgs(args, { partner: { type: 'string' }, on: { type: 'string' }, category: { type: 'string' }, program: { type: 'string' } }, usage);
      const r = await requestForPartner(
        { db: ctx.database.db, policies: ctx.policies, clock: ctx.clock, calendar: ctx.cases.calendar },
        {
          kind,
          partnerId: requireOption(values.partner, '--partner', usage),
          on: requireOption(values.on, '--on', usage),
          category: values.category,
          program: values.program,
          actor: cliActor(ctx),
        },
      );
      const json = { granted: r.granted, blocked_by: blocksToJson(r.blockedBy) };
      const about = `${WHAT[kind]}${r.subject ? ` (${r.subject})` : ''} for ${r.partnerId} on ${r.on}`;
      const text = r.granted
        ? `Granted: ${about}; recorded as request ${r.requestId}.`
        : [`Refused: ${about}.`, ...r.blockedBy.map(blockLine)].join('\n');
      return { json, text };
    },
  };
}

export const requestCommands: Command[] = requestKinds.map(requestCommand);
