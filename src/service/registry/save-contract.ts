import { and, eq } from 'drizzle-orm';
import { partnerContracts } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { contractRowErrors, termsShareADay } from '../imports/import-contracts.ts';
import { changeRegistryEntry, refuseRow, type RegistryChange, type RegistryDeps } from './registry-step.ts';

export interface ContractForm extends RegistryChange {
  startsOn: string;
  /** The contract's last day (R-EXIT-EXPIRY reads it). */
  endsOn: string;
  /** '' when no renewal notice set a date (R-EXIT-RENEWAL reads it). */
  renewalNoticeOn: string;
  /** The start of the term this form changes; null adds a new term. */
  replaces: string | null;
}

export interface SavedContract {
  partnerId: string;
  startsOn: string;
  endsOn: string;
  renewalNoticeOn: string | null;
  replaced: string | null;
}

/**
 * Issue 11, R-CAT: an admin sets one contract term of a partner: start, last
 * day, and the renewal-notice date the exits read (R-EXIT-EXPIRY,
 * R-EXIT-RENEWAL). Checked with the contracts import's rules; the term
 * replaces the one it was opened on (`replaces`) or is added, and may share
 * no day with the partner's other terms. Audited `registry.contract_saved`.
 */
export async function saveContract(deps: RegistryDeps, form: ContractForm): Promise<SavedContract> {
  const cells = { partner_id: form.partnerId, starts_on: form.startsOn.trim(), ends_on: form.endsOn.trim(), renewal_notice_on: form.renewalNoticeOn.trim() };
  refuseRow(contractRowErrors(cells, new Set([form.partnerId])), (column) => (column === 'partner_id' ? 'starts_on' : column));
  const term = { startsOn: cells.starts_on, endsOn: cells.ends_on, renewalNoticeOn: cells.renewal_notice_on || null };
  return changeRegistryEntry(deps, 'registry.contract_save', form, async (tx, entry) => {
    const replaced = form.replaces === null ? undefined : entry.contracts.find((c) => c.startsOn === form.replaces);
    if (form.replaces !== null && !replaced) throw new DomainError('registry.changed_under_you', `${entry.id}'s term from ${form.replaces} is gone; open the form again.`, { partnerId: entry.id });
    const clash = entry.contracts.find((c) => c !== replaced && termsShareADay(c, term));
    if (clash) {
      throw new DomainError('registry.contract_overlap', `${entry.id}'s contract ${term.startsOn} … ${term.endsOn} overlaps its term ${clash.startsOn} … ${clash.endsOn}; terms may not share a day.`, {
        partnerId: entry.id, startsOn: clash.startsOn, endsOn: clash.endsOn, field: 'starts_on',
      });
    }
    if (replaced) await tx.delete(partnerContracts).where(and(eq(partnerContracts.partnerId, entry.id), eq(partnerContracts.startsOn, replaced.startsOn)));
    await tx.insert(partnerContracts).values({ partnerId: entry.id, ...term });
    await appendAudit(tx, {
      actor: actorKey(form.actor), action: 'registry.contract_saved', subject: entry.id,
      payload: { before: replaced ?? null, after: term, version: entry.version, rule: 'R-CAT' },
      at: deps.clock.now(),
    });
    return { partnerId: entry.id, ...term, replaced: replaced?.startsOn ?? null };
  });
}
