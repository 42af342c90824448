import { verifyAuditTrail } from '../../service/audit/audit-trail.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'audit verify [--json]';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  usage,
  summary: 'check the audit trail’s hash chain end to end',
  async run(ctx, args) {
    parseCommandArgs(args, {}, usage);
    const r = await verifyAuditTrail(ctx.database.db);
    return {
      json: r,
      text: r.ok ? `Audit trail intact: ${r.events} events` : `Audit trail BROKEN at event ${r.brokenAt}: ${r.reason}`,
      exitCode: r.ok ? 0 : 1,
    };
  },
};
