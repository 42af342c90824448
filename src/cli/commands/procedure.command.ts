import { and, desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { grantRole, listRoles, parseUserRef, revokeRole } from '../../service/access/manage-roles.ts';
import { fixedClock } from '../../service/clock.ts';
import { importPayments } from '../../service/collection/import-payments.ts';
import { recordPayment } from '../../service/collection/record-payment.ts';
import { sweepDeadlines } from '../../service/deadlines/process-deadline.ts';
import { parseCommandArgs, onePositional, requireOption } from '../args.ts';
import { cliActor } from '../cli-context.ts';
import type { Command } from '../command.ts';
import { readInputFile } from './import.command.ts';

const sweepUsage = 'sweep [--now ISO_INSTANT] [--json]';
const outboxUsage = 'outbox [--status pending|failed|delivered] [--limit N] [--json]';
const retryUsage = 'outbox retry OUTBOX_ID [--json]';
const grantUsage = 'roles grant USER ROLE [--json]   (USER: U0123ABCD, slack:U0123ABCD or dingtalk:<userId>; ROLE: officer|approver|finance|admin)';
const revokeUsage = 'roles revoke USER ROLE [--json]';
const rolesUsage = 'roles list [--json]';
const payUsage = 'ledger pay PARTNER AMOUNT --on DATE [--json]';
const importPayUsage = 'import payments FILE.csv [--json]   (header partner_id,date,amount)';

export const procedureCommands: Command[] = [
  {
    name: 'sweep',
    usage: sweepUsage,
    summary: 'process every deadline due by an instant (catch-up after an outage; idempotent)',
    async run(ctx, args) {
      const { values } = parseCommandArgs(args, { now: { type: 'string' } }, sweepUsage);
      let clock = ctx.clock;
      if (values.now !== undefined) {
        const at = new Date(values.now);
        if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.now)) throw new DomainError('cli.usage', `--now must be an ISO instant like 2026-06-05T09:00:00+08:00, got "${values.now}"`);
        if (at > ctx.clock.now()) throw new DomainError('cli.usage', '--now may not be in the future: deadlines are processed when they are due');
        clock = fixedClock(at);
      }
      const r = await sweepDeadlines({ ...ctx.cases, clock });
      return { json: { now: formatShanghai(clock.now()), ...r }, text: `Processed ${r.processed} deadline(s) due by ${formatShanghai(clock.now())}: ${JSON.stringify(r.outcomes)}` };
    },
  },
  {
    name: 'outbox',
    usage: outboxUsage,
    summary: 'notifications waiting, failed (with their error) or delivered',
    async run(ctx, args) {
      const { values } = parseCommandArgs(args, { status: { type: 'string' }, limit: { type: 'string' } }, outboxUsage);
      const status = (values.status ?? 'failed') as 'pending' | 'failed' | 'delivered';
      if (!['pending', 'failed', 'delivered'].includes(status)) throw new DomainError('cli.usage', `--status must be pending, failed or delivered. Usage: ${outboxUsage}`);
      const rows = await ctx.database.db.select().from(outbox).where(eq(outbox.status, status)).orderBy(desc(outbox.id)).limit(Number(values.limit ?? 50) || 50);
      const json = rows.map((r) => ({ id: r.id, case_id: r.caseId, kind: r.kind, recipient: r.recipient, status: r.status, attempts: r.attempts, last_error: r.lastError, created_at: formatShanghai(r.createdAt) }));
      const text = rows.length === 0 ? `No ${status} notifications.` : json.map((r) => `#${r.id} ${r.kind} → ${JSON.stringify(r.recipient)} (${r.attempts} attempt(s))${r.last_error ? `: ${r.last_error}` : ''}`).join('\n');
      return { json: { status, messages: json }, text };
    },
  },
  {
    name: 'outbox retry',
    usage: retryUsage,
    summary: 'put a failed notification back in the queue',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, retryUsage);
      const id = Number(onePositional(positionals, 'OUTBOX_ID', retryUsage));
      const updated = await ctx.database.db.update(outbox).set({ status: 'pending', attempts: 0 }).where(and(eq(outbox.id, id), eq(outbox.status, 'failed'))).returning({ id: outbox.id });
      if (updated.length === 0) throw new DomainError('outbox.not_failed', `Outbox #${id} is not a failed notification.`);
      return { json: { id, status: 'pending' }, text: `Outbox #${id} is pending again; the bot delivers it on its next sweep.` };
    },
  },
  {
    name: 'roles grant',
    usage: grantUsage,
    summary: 'give a chat user a staff role',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, grantUsage);
      if (positionals.length !== 2) throw new DomainError('cli.usage', `expected USER ROLE. Usage: ${grantUsage}`);
      const r = await grantRole({ db: ctx.database.db, clock: ctx.clock }, { ...parseUserRef(positionals[0]!), role: positionals[1]!, by: ctx.actor });
      return { json: { user: positionals[0], role: positionals[1], changed: r.changed }, text: r.changed ? `Granted ${positionals[1]} to ${positionals[0]}` : `${positionals[0]} already has ${positionals[1]}` };
    },
  },
  {
    name: 'roles revoke',
    usage: revokeUsage,
    summary: 'take a staff role away',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, revokeUsage);
      if (positionals.length !== 2) throw new DomainError('cli.usage', `expected USER ROLE. Usage: ${revokeUsage}`);
      const r = await revokeRole({ db: ctx.database.db, clock: ctx.clock }, { ...parseUserRef(positionals[0]!), role: positionals[1]!, by: ctx.actor });
      return { json: { user: positionals[0], role: positionals[1], changed: r.changed }, text: r.changed ? `Revoked ${positionals[1]} from ${positionals[0]}` : `${positionals[0]} did not have ${positionals[1]}` };
    },
  },
  {
    name: 'roles list',
    usage: rolesUsage,
    summary: 'who holds which staff role',
    async run(ctx, args) {
      parseCommandArgs(args, {}, rolesUsage);
      const rows = await listRoles(ctx.database.db);
      return { json: { roles: rows }, text: rows.map((r) => `${r.platform}:${r.userId}  ${r.role}`).join('\n') || 'No roles granted.' };
    },
  },
  {
    name: 'ledger pay',
    usage: payUsage,
    summary: 'record a penalty payment (oldest penalty first, then its late fee)',
    async run(ctx, args) {
      const { values, positionals } = parseCommandArgs(args, { on: { type: 'string' } }, payUsage);
      if (positionals.length !== 2) throw new DomainError('cli.usage', `expected PARTNER AMOUNT. Usage: ${payUsage}`);
      const on = requireOption(values.on, '--on', payUsage);
      const r = await recordPayment(ctx.cases, { key: `cli-pay:${positionals[0]}:${positionals[1]}:${on}:${ctx.clock.now().getTime()}`, actor: cliActor(ctx), partnerId: positionals[0]!, amount: positionals[1]!, on });
      return { json: r, text: [`Recorded CNY ${r.paid} from ${r.partnerId}`, ...r.applied.map((a) => `  ${a.caseId}: ${a.amount} applied, ${a.owedAfter} still owed${a.closed ? ' — case closed' : ''}`)].join('\n') };
    },
  },
  {
    name: 'import payments',
    usage: importPayUsage,
    summary: 'record penalty payments from a CSV file (all or nothing; the same file twice pays once)',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, importPayUsage);
      const r = await importPayments(ctx.cases, cliActor(ctx), await readInputFile(onePositional(positionals, 'FILE.csv', importPayUsage)));
      return { json: r, text: `Imported ${r.file}: ${r.rows} payment(s)` };
    },
  },
];
