import type { Db, Tx } from '../../db/database.ts';
import { lockPartner } from '../../db/repositories/partners.repository.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey, type Actor } from '../access/actor.ts';
import type { Clock } from '../clock.ts';
import { runCommand } from '../cases/run-command.ts';
import type { RowProblem } from '../imports/import-file.ts';
import { readRegistryEntry, requireRegistryAdmin, type RegistryEntry } from './registry-entry.ts';

export interface RegistryDeps {
  db: Db;
  clock: Clock;
}

/** What every change to an existing partner names: its key (the same key twice acts once), who, which partner, and the version the form showed. */
export interface RegistryChange {
  key: string;
  actor: Actor;
  partnerId: string;
  version: string;
}

/**
 * One change to a partner on record, as one audited step (issue 11): an
 * admin's, idempotent by its key (`runCommand`), under the partner's row lock,
 * over the version the admin saw. Two admins changing one partner at once:
 * the second waits for the first's commit, then finds another version and is
 * told the partner changed under them; nothing of theirs is written.
 */
export async function changeRegistryEntry<R extends object>(deps: RegistryDeps, action: string, input: RegistryChange, change: (tx: Tx, entry: RegistryEntry) => Promise<R>): Promise<R> {
  return runCommand(deps, { key: input.key, action, actor: actorKey(input.actor) }, async (tx) => {
    await requireRegistryAdmin(tx, input.actor);
    await lockPartner(tx, input.partnerId);
    const entry = await readRegistryEntry(tx, input.partnerId);
    if (!entry) throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`, { partnerId: input.partnerId });
    // R-EXIT-*: an exited partner's contacts lost their role; re-adding them here would undo the exit.
    if (entry.status === 'exited') throw new DomainError('registry.partner_exited', `${entry.id} has exited (R-EXIT); its registry entry no longer changes.`, { partnerId: entry.id });
    if (entry.version !== input.version) {
      throw new DomainError('registry.changed_under_you', `${entry.id} was changed by someone else since this form was opened; nothing was saved. Open it again to see the change.`, { partnerId: entry.id });
    }
    return change(tx, entry);
  });
}

/** The first of a row's problems (the import's own rules), as the modal field it came from. */
export function refuseRow(problems: readonly RowProblem[], fieldOf: (column: string) => string): void {
  const first = problems[0];
  if (first) throw new DomainError('registry.invalid', first.reason, { field: fieldOf(first.column), reason: first.reason });
}
