import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'migrate [--json]';

/** Opening the context already migrated and seeded; this command reports it. */
export const migrateCommand: Command = {
  name: 'migrate',
  usage,
  summary: 'apply database migrations and seed the policy and calendar',
  async run(ctx, args) {
    parseCommandArgs(args, {}, usage);
    return {
      json: { ok: true, backend: ctx.database.backend, policies: ctx.policies.map((p) => p.id) },
      text: `Database (${ctx.database.backend}) is up to date; policies: ${ctx.policies.map((p) => p.id).join(', ')}`,
    };
  },
};
