import { formatShanghai } from '../../domain/dates.ts';
import { formatAmount } from '../../domain/money.ts';
import { restrictionsToJson } from '../../service/rules/decision-json.ts';
import { partnerStanding } from '../../service/rules/partner-standing.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import { cliActor } from '../cli-context.ts';
import type { Command } from '../command.ts';

const usage = 'standing --partner ID [--on DATE] [--json]';

export const standingCommand: Command = {
  name: 'standing',
  usage,
  summary: 'valid sanctions, restrictions in force, balances and what a partner owes',
  async run(ctx, args) {
    const { values } = parseCommandArgs(args, { partner: { type: 'string' }, on: { type: 'string' } }, usage);
    const s = await partnerStanding(
      { db: ctx.database.db, policies: ctx.policies, clock: ctx.clock, calendar: ctx.cases.calendar },
      { partnerId: requireOption(values.partner, '--partner', usage), on: values.on, viewer: cliActor(ctx) },
    );
    const valid = (cls: 1 | 2 | 3) =>
      s.valid[cls].map((v) => ({ case_id: v.caseId, item_id: v.itemId, notice_date: v.noticeDate, announced_on: v.announcedOn, last_valid_day: v.lastValidDay, amount: formatAmount(v.amount) }));
    const json = {
      partner: { id: s.partner.id, name: s.partner.name, status: s.partner.status, categories: s.partner.categories, contacts: s.partner.contacts },
      on: s.on,
      policy_version: s.policyVersion,
      valid_sanctions: { class1: valid(1), class2: valid(2), class3: valid(3) },
      next_sanction: Object.fromEntries(([1, 2, 3] as const).map((c) => [`class${c}`, { final_class: s.next[c].finalClass, amount: formatAmount(s.next[c].amount) }])),
      restrictions: restrictionsToJson(s.restrictions),
      balances: {
        deposit: formatAmount(s.balances.deposit),
        prepayment: formatAmount(s.balances.prepayment),
        service_fee_unpaid: formatAmount(s.balances.serviceFeeUnpaid),
        service_fees_paid_this_fiscal_year: formatAmount(s.balances.serviceFeesPaidThisFiscalYear),
      },
      owed: s.owed.map((o) => ({ case_id: o.caseId, due_date: o.dueDate, outstanding: formatAmount(o.outstanding), late_fee: formatAmount(o.lateFee) })),
      amount_owed: formatAmount(s.totalOwed),
      late_fees_owed: formatAmount(s.totalLateFees),
      incentives_suspended: s.suspensions.map((x) => ({ case_id: x.caseId, since: formatShanghai(x.since), by: x.by })),
    };
    const text = [
      `${s.partner.name} (${s.partner.id}), ${s.partner.status}, on ${s.on} under ${s.policyVersion}`,
      `Valid sanctions: class 1 ×${s.valid[1].length}, class 2 ×${s.valid[2].length}, class 3 ×${s.valid[3].length}`,
      ...([1, 2, 3] as const).flatMap((c) =>
        s.valid[c].map((v) => `  class ${c} ${v.caseId}: noticed ${v.noticeDate}, counts through ${v.lastValidDay ?? `${v.validityMonths} months after its announcement`}`),
      ),
      `Next class-2 violation: class ${s.next[2].finalClass}, CNY ${formatAmount(s.next[2].amount)}; next class-3: class ${s.next[3].finalClass}, CNY ${formatAmount(s.next[3].amount)}`,
      `Restrictions: ${s.restrictions.length === 0 ? 'none' : s.restrictions.map((r) => `${r.kind} ${r.until === null ? 'until paid' : `lifted on ${r.until}`}`).join(', ')}`,
      `Balances: deposit ${json.balances.deposit}, prepayment ${json.balances.prepayment}, unpaid service fees ${json.balances.service_fee_unpaid}`,
      `Owed: CNY ${json.amount_owed} + late fees CNY ${json.late_fees_owed}`,
      `Incentives suspended (R-SUSPEND): ${json.incentives_suspended.length === 0 ? 'no' : json.incentives_suspended.map((x) => `${x.case_id} since ${x.since} by ${x.by}`).join(', ')}`,
    ].join('\n');
    return { json, text };
  },
};
