import { loadPolicyVersion } from '../../service/policy/load-policy.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { readInputFile } from './import.command.ts';

const usage = 'policy load FILE.json [--json]';

export const policyCommands: Command[] = [
  {
    name: 'policy load',
    usage,
    summary: 'load a new policy version effective on a later day, and announce it to partners (R-POLICY, R-ANNOUNCE)',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, usage);
      const file = await readInputFile(onePositional(positionals, 'FILE.json', usage));
      const r = await loadPolicyVersion({ db: ctx.database.db, clock: ctx.clock, jobs: ctx.cases.jobs, actor: ctx.actor }, file);
      const catalog = r.catalogFrom ? `the catalog of ${r.catalogFrom} (${r.catalogItems} items)` : `its own catalog (${r.catalogItems} items)`;
      const text = [
        `Loaded policy ${r.id}, published ${r.publishedOn}, in force from ${r.effectiveFrom}, with ${catalog}.`,
        `Announcement queued to ${r.announcedTo} partner contact(s) and the notices channel (R-ANNOUNCE).`,
        ctx.database.backend === 'postgres'
          ? 'A running bot on this database picks it up now (no restart) and judges under it from its effective date.'
          : 'The bot reads it when it starts (the embedded database is open in one process at a time) and judges under it from its effective date.',
      ].join('\n');
      return { json: r, text };
    },
  },
];
