import { classLabel } from '../../domain/catalog/catalog.ts';
import { formatAmount } from '../../domain/money.ts';
import { deductionToJson, restrictionsToJson, stepsToJson } from '../../service/rules/decision-json.ts';
import { previewSanction } from '../../service/rules/preview-sanction.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'preview --partner ID --item ITEM --on DATE [--occurred DATE] [--terminate] [--json]';

export const previewCommand: Command = {
  name: 'preview',
  usage,
  summary: 'what a new violation would get on a day (stored nowhere)',
  async run(ctx, args) {
    const { values } = parseCommandArgs(
      args,
      { partner: { type: 'string' }, item: { type: 'string' }, on: { type: 'string' }, occurred: { type: 'string' }, terminate: { type: 'boolean' } },
      usage,
    );
    const j = await previewSanction(
      { db: ctx.database.db, policies: ctx.policies, clock: ctx.clock, calendar: ctx.cases.calendar },
      {
        partnerId: requireOption(values.partner, '--partner', usage),
        itemId: requireOption(values.item, '--item', usage),
        on: requireOption(values.on, '--on', usage),
        occurred: values.occurred,
        terminate: values.terminate ?? false,
      },
    );
    const d = j.decision;
    const json = {
      item_id: j.item.id,
      base_class: d.baseClass,
      final_class: d.finalClass,
      amount: formatAmount(d.amount),
      currency: 'CNY',
      terminated: d.terminated,
      policy_version: d.policyVersion,
      policy_note: j.policyNote,
      steps: stepsToJson(d.steps),
      consumes: d.consumes,
      restrictions: restrictionsToJson(d.restrictions),
      deduction: deductionToJson(j.deduction),
      notes: d.notes,
      readings: d.readings,
    };
    const text = [
      `${j.item.id} ${j.item.textEn}`,
      `${classLabel(d.baseClass, 'en')} → ${classLabel(d.finalClass, 'en')}: CNY ${json.amount}${d.terminated ? ', partnership terminated' : ''}`,
      ...d.steps.map((s) => `  ${s.rule}: ${s.reason} [counted: ${s.counted.join(', ')}]`),
      ...d.restrictions.map((r) => `  ${r.rule}: ${r.kind} from ${r.from}, lifted on ${r.until}`),
      `  R-DEDUCT: deposit ${json.deduction.deposit}, prepayment ${json.deduction.prepayment}, service fee ${json.deduction.service_fee}, owed ${json.deduction.owed}`,
      `  ${j.policyNote}`,
      ...d.notes.map((n) => `  ${n}`),
      ...d.readings.map((r) => `  ${r}`),
    ].join('\n');
    return { json, text };
  },
};
