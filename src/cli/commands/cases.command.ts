import { caseStates, type CaseState } from '../../domain/cases/case-state.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { caseDetail, listCases, type CaseFilter } from '../../service/cases/case-queries.ts';
import { dismissReport, sendNotice } from '../../service/cases/staff-steps.ts';
import { liftSuspension, suspendIncentives, type SuspensionResult } from '../../service/cases/suspension.ts';
import { parseCommandArgs, onePositional, requireOption } from '../args.ts';
import { cliActor } from '../cli-context.ts';
import type { Command } from '../command.ts';

const listUsage = 'cases list [--open|--state STATE|--partner ID] [--limit N] [--offset N] [--json]';
const showUsage = 'cases show CASE_ID [--json]';
const noticeUsage = 'cases notice CASE_ID [--json]';
const dismissUsage = 'cases dismiss CASE_ID --reason "…" [--json]';
const suspendUsage = 'cases suspend CASE_ID [--json]';
const liftUsage = 'cases lift CASE_ID [--json]';

const at = (d: Date | null) => (d ? formatShanghai(d) : null);

export const casesCommands: Command[] = [
  {
    name: 'cases list',
    usage: listUsage,
    summary: 'cases, newest first',
    async run(ctx, args) {
      const { values } = parseCommandArgs(
        args,
        { open: { type: 'boolean' }, state: { type: 'string' }, partner: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
        listUsage,
      );
      const filter = toFilter(values);
      const limit = positiveInt(values.limit ?? '50', '--limit');
      const offset = positiveInt(values.offset ?? '0', '--offset', true);
      const { rows, total } = await listCases(ctx.database.db, 'operator', filter, { limit, offset });
      const json = {
        total,
        cases: rows.map((r) => ({
          id: r.id, partner_id: r.partnerId, partner_name: r.partnerName, item_id: r.itemId, state: r.state, occurred_on: r.occurredOn,
          reply_due: at(r.replyDueAt), objection_due: at(r.objectionDueAt), created_at: at(r.createdAt),
        })),
      };
      const text = rows.length === 0 ? 'No cases.' : [`${total} case(s)`, ...rows.map((r) => `${r.id}  ${r.state.padEnd(26)} ${r.partnerId}  ${r.itemId}  ${r.occurredOn}`)].join('\n');
      return { json, text };
    },
  },
  {
    name: 'cases show',
    usage: showUsage,
    summary: 'one case with its evidence, replies, determinations and open deadlines',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, showUsage);
      const d = await caseDetail(ctx.database.db, 'operator', onePositional(positionals, 'CASE_ID', showUsage));
      const c = d.case;
      const json = {
        id: c.id, partner_id: c.partnerId, partner_name: d.partnerName, item_id: c.itemId, occurred_on: c.occurredOn, facts: c.facts, state: c.state,
        suspended: c.suspended, suspended_since: at(c.suspendedAt), suspended_by: c.suspendedBy, reported_by: c.reportedBy, reply_due: at(c.replyDueAt), reply_due_provisional: c.replyDueProvisional,
        processing_notice_date: c.processingNoticeDate, objection_due: at(c.objectionDueAt), decision: c.decision, screening: c.screening,
        evidence: d.evidence.map((e) => ({ kind: e.kind, ref: e.ref, purpose: e.purpose, added_by: e.addedBy, added_at: at(e.addedAt) })),
        replies: d.replies.map((r) => ({ kind: r.kind, text: r.text, by: r.by, at: at(r.at) })),
        determinations: d.determinations.map((x) => ({
          id: x.id, purpose: x.purpose, status: x.status, established: x.established, terminate: x.terminate, fast_track: x.fastTrack, outcome: x.outcome,
          reasons: x.reasons, proposed_by: x.proposedBy, proposed_at: at(x.proposedAt), decided_by: x.decidedBy, decided_at: at(x.decidedAt), corrects: x.corrects,
        })),
        objections: d.objections.map((o) => ({ grounds: o.grounds, by: o.by, at: at(o.at) })),
        open_deadlines: d.openDeadlines.map((x) => ({ kind: x.kind, due: at(x.dueAt), provisional: x.provisional })),
        messages: d.messages,
      };
      const text = [
        `${c.id}: ${d.partnerName} (${c.partnerId}), ${c.itemId}, occurred ${c.occurredOn}`,
        `State: ${d.stateText}${c.suspended ? ` (incentives suspended since ${at(c.suspendedAt)} by ${c.suspendedBy})` : ''}`,
        `Facts: ${c.facts}`,
        ...json.evidence.map((e) => `Evidence (${e.purpose}): ${e.ref}`),
        ...json.replies.map((r) => `Reply: ${r.kind}${r.text ? ` — ${r.text}` : ''} (${r.at})`),
        ...json.determinations.map((x) => `Determination #${x.id} (${x.purpose}): ${x.status}, established ${x.established}, by ${x.proposed_by}${x.decided_by ? `, decided by ${x.decided_by}` : ''}`),
        ...json.open_deadlines.map((x) => `Due: ${x.kind} at ${x.due}${x.provisional ? ' (provisional)' : ''}`),
      ].join('\n');
      return { json, text };
    },
  },
  {
    name: 'cases notice',
    usage: noticeUsage,
    summary: 'screening (R-SCREEN): take up a partner’s report and send the notice to the reported partner',
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, noticeUsage);
      const caseId = onePositional(positionals, 'CASE_ID', noticeUsage);
      const r = await sendNotice(ctx.cases, { key: `cli-notice:${caseId}`, actor: cliActor(ctx), caseId });
      return { json: { case_id: r.caseId, reply_due: r.replyDue, provisional: r.provisional }, text: `Notice of ${r.caseId} sent; reply due ${r.replyDue}${r.provisional ? ' (provisional)' : ''}. The reporter is told it was taken up.` };
    },
  },
  {
    name: 'cases dismiss',
    usage: dismissUsage,
    summary: 'screening (R-SCREEN): dismiss a partner’s report with a reason told to the reporter; the reported partner never hears of it',
    async run(ctx, args) {
      const { positionals, values } = parseCommandArgs(args, { reason: { type: 'string' } }, dismissUsage);
      const caseId = onePositional(positionals, 'CASE_ID', dismissUsage);
      const r = await dismissReport(ctx.cases, { key: `cli-dismiss:${caseId}`, actor: cliActor(ctx), caseId, reason: requireOption(values.reason, '--reason', dismissUsage) });
      return { json: { case_id: r.caseId, dismissed: true }, text: `Report ${r.caseId} dismissed; the reporter is told the reason, the reported partner nothing.` };
    },
  },
  {
    name: 'cases suspend',
    usage: suspendUsage,
    summary: 'suspend the partner’s incentive payouts while the case is open (R-SUSPEND; after the notice; the partner is told)',
    async run(ctx, args) {
      const caseId = onePositional(parseCommandArgs(args, {}, suspendUsage).positionals, 'CASE_ID', suspendUsage);
      const r = await suspendIncentives(ctx.cases, { key: `cli-suspend:${caseId}:${ctx.clock.now().getTime()}`, actor: cliActor(ctx), caseId });
      return { json: suspensionJson(r), text: r.changed ? `${r.caseId}: incentive payouts suspended since ${r.since}; the partner is told.` : `${r.caseId}: incentive payouts were already suspended, since ${r.since}.` };
    },
  },
  {
    name: 'cases lift',
    usage: liftUsage,
    summary: 'lift a case’s suspension of incentive payouts by hand (R-SUSPEND; the partner is told)',
    async run(ctx, args) {
      const caseId = onePositional(parseCommandArgs(args, {}, liftUsage).positionals, 'CASE_ID', liftUsage);
      const r = await liftSuspension(ctx.cases, { key: `cli-lift:${caseId}:${ctx.clock.now().getTime()}`, actor: cliActor(ctx), caseId });
      return { json: suspensionJson(r), text: r.changed ? `${r.caseId}: suspension lifted; the partner is told.` : `${r.caseId}: incentive payouts were not suspended; nothing changed.` };
    },
  },
];

function suspensionJson(r: SuspensionResult) {
  return { case_id: r.caseId, suspended: r.suspended, since: r.since, changed: r.changed };
}

function toFilter(v: { open?: boolean; state?: string; partner?: string }): CaseFilter {
  if (v.state !== undefined) {
    if (!(caseStates as readonly string[]).includes(v.state)) throw new DomainError('cli.usage', `--state must be one of ${caseStates.join(', ')}`);
    return { kind: 'state', state: v.state as CaseState };
  }
  if (v.partner !== undefined) return { kind: 'partner', partnerId: v.partner };
  return v.open ? { kind: 'open' } : { kind: 'all' };
}

function positiveInt(text: string, flag: string, zeroOk = false): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || (!zeroOk && n === 0) || n > 1000) throw new DomainError('cli.usage', `${flag} must be a whole number${zeroOk ? '' : ' from 1'} up to 1000, got "${text}"`);
  return n;
}
