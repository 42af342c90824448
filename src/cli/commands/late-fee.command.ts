import { lateFee } from '../../domain/collection/late-fee.ts';
import { parseLocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatAmount, parseAmount } from '../../domain/money.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'late-fee --amount X --notice DATE [--payment DATE:AMOUNT]... --until DATE [--json]';

export const lateFeeCommand: Command = {
  name: 'late-fee',
  usage,
  summary: 'the late fee on an unpaid penalty (R-LATE)',
  async run(ctx, args) {
    const { values } = parseCommandArgs(
      args,
      { amount: { type: 'string' }, notice: { type: 'string' }, payment: { type: 'string', multiple: true }, until: { type: 'string' } },
      usage,
    );
    const amount = parseAmount(requireOption(values.amount, '--amount', usage), '--amount');
    if (amount.isNegative()) throw new DomainError('input.bad_amount', '--amount must not be negative');
    const notice = parseLocalDate(requireOption(values.notice, '--notice', usage), '--notice');
    const until = parseLocalDate(requireOption(values.until, '--until', usage), '--until');
    const payments = (values.payment ?? []).map((p) => {
      const m = /^(\d{4}-\d{2}-\d{2}):(.+)$/.exec(p);
      if (!m) throw new DomainError('input.bad_payment', `--payment must be DATE:AMOUNT like 2026-05-01:2500.00, got "${p}"`);
      const paid = parseAmount(m[2]!, '--payment amount');
      if (!paid.greaterThan(0)) throw new DomainError('input.bad_payment', `--payment amount must be positive, got "${m[2]}"`);
      return { date: parseLocalDate(m[1]!, '--payment date'), amount: paid };
    });
    const policy = policyInForce(ctx.policies, notice);
    const r = lateFee(amount, notice, payments, until, policy.params, await ctx.cases.calendar.get(ctx.database.db));
    const json = {
      due_date: r.dueDate,
      late_fee: formatAmount(r.lateFee),
      outstanding: formatAmount(r.outstanding),
      late_fee_outstanding: formatAmount(r.lateFeeOutstanding),
      late_days: r.lateDays,
      policy_version: policy.id,
    };
    return { json, text: `Due ${r.dueDate}; late fee CNY ${json.late_fee} over ${r.lateDays} day(s); penalty outstanding CNY ${json.outstanding}` };
  },
};
