import { answerComplaint } from '../../service/complaints/answer-complaint.ts';
import { listComplaints } from '../../service/complaints/complaint-queries.ts';
import { onePositional, parseCommandArgs, requireOption } from '../args.ts';
import { cliActor } from '../cli-context.ts';
import type { Command } from '../command.ts';

const listUsage = 'complaints list [--open] [--json]';
const answerUsage = 'complaints answer ID --text TEXT [--json]';

/** R-COMPLAINT: partners' complaints against the vendor, oldest first. */
const listCommand: Command = {
  name: 'complaints list',
  usage: listUsage,
  summary: 'partners’ complaints against the vendor (R-COMPLAINT); --open: not answered yet',
  async run(ctx, args) {
    const { values } = parseCommandArgs(args, { open: { type: 'boolean' } }, listUsage);
    const list = await listComplaints(ctx.database.db, cliActor(ctx), { open: values.open ?? false });
    const json = list.map((c) => ({
      complaint_id: c.complaintId, partner_id: c.partnerId, partner_name: c.partnerName, subject: c.subject, state: c.state,
      filed_by: c.filedBy, filed_at: c.filedAt, answer_due: c.answerDue, provisional: c.provisional, answered_by: c.answeredBy, closed_at: c.closedAt,
    }));
    const lines = list.map((c) => {
      const closed = c.state === 'filed' ? `answer due ${c.answerDue}${c.provisional ? ' (provisional)' : ''}` : `${c.state} ${c.closedAt}${c.answeredBy ? ` by ${c.answeredBy}` : ''}`;
      return `${c.complaintId}  ${c.partnerId} (${c.partnerName})  ${c.state}  filed ${c.filedAt}, ${closed}  ${c.subject}`;
    });
    return { json, text: lines.length === 0 ? (values.open ? 'No open complaints.' : 'No complaints.') : lines.join('\n') };
  },
};

/**
 * Staff answer from the CLI. Its key is the complaint's: a complaint is
 * answered once, so running it again prints the first answer's result.
 */
const answerCommand: Command = {
  name: 'complaints answer',
  usage: answerUsage,
  summary: 'answer a partner’s complaint; its contacts are told (R-COMPLAINT)',
  async run(ctx, args) {
    const { values, positionals } = parseCommandArgs(args, { text: { type: 'string' } }, answerUsage);
    const complaintId = onePositional(positionals, 'the complaint id', answerUsage);
    const r = await answerComplaint(ctx.cases, { key: `cli:complaint.answer:${complaintId}`, actor: cliActor(ctx), complaintId, answer: requireOption(values.text, '--text', answerUsage) });
    return { json: { complaint_id: r.complaintId, state: r.state, answered_at: r.answeredAt, late: r.late }, text: `Answered ${r.complaintId} at ${r.answeredAt}${r.late ? ' (after its due day)' : ''}; the partner’s contacts are told.` };
  },
};

export const complaintsCommands: Command[] = [listCommand, answerCommand];
