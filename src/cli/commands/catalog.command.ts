import { catalogByCategory, classLabel } from '../../domain/catalog/catalog.ts';
import { DomainError } from '../../domain/errors.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { today } from '../../service/clock.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'catalog [--policy VERSION] [--json]';

export const catalogCommand: Command = {
  name: 'catalog',
  usage,
  summary: 'the violation catalog (§5.3.3–§5.3.5) of the policy in force',
  async run(ctx, args) {
    const { values } = parseCommandArgs(args, { policy: { type: 'string' } }, usage);
    const policy = values.policy
      ? ctx.policies.find((p) => p.id === values.policy)
      : policyInForce(ctx.policies, today(ctx.clock));
    if (!policy) throw new DomainError('policy.not_found', `No policy version "${values.policy}"; known: ${ctx.policies.map((p) => p.id).join(', ')}`);
    const items = policy.catalog.map((i) => ({ id: i.id, section: i.section, class: i.class, category: i.category, text_zh: i.textZh, text_en: i.textEn }));
    const text = catalogByCategory(policy.catalog)
      .map((g) => [`${g.category} (${g.items.length})`, ...g.items.map((i) => `  ${i.id}  ${classLabel(i.class, 'en')}  ${i.textZh}\n          ${i.textEn}`)].join('\n'))
      .join('\n\n');
    return { json: { policy_version: policy.id, items }, text: `Policy ${policy.id}: ${items.length} items\n\n${text}` };
  },
};
