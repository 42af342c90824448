import type { Database } from '../../db/database.ts';
import { listenTo } from '../../db/listen.ts';
import { loadPolicyVersions } from '../../db/repositories/policy.repository.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';

/** The channel `cli policy load` signals on as its transaction commits (src/service/policy/load-policy.ts). */
export const POLICY_VERSIONS_CHANNEL = 'policy_versions';

export interface LivePolicies {
  /**
   * R-POLICY: the versions the running service judges with. One array for
   * the process's life, kept current in place, so every holder of it (case
   * deps, rules deps, jobs, chat contexts) sees a newly loaded version.
   */
  readonly versions: readonly PolicyVersion[];
  /** Reads the stored versions again (done on each signal; resolves when the array is current). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * R-POLICY, R-ANNOUNCE: the policy versions, re-read whenever another process
 * (`cli policy load`) stores one — PostgreSQL's LISTEN/NOTIFY, no restart —
 * and whenever the listening connection is remade (a signal sent while it
 * was down is not lost). Versions are only ever added (a published one is
 * never changed), so swapping the array's contents is safe at any moment:
 * a version effective tomorrow changes no answer for a day before it.
 */
export async function livePolicies(database: Database, onError: (e: unknown) => void): Promise<LivePolicies> {
  const versions: PolicyVersion[] = await loadPolicyVersions(database.db);
  // One re-read at a time, in order: a slower earlier read never overwrites a later one.
  let latest: Promise<void> = Promise.resolve();
  const refresh = (): Promise<void> =>
    (latest = latest.then(async () => {
      const fresh = await loadPolicyVersions(database.db);
      versions.splice(0, versions.length, ...fresh);
    }).catch(onError));
  const stop = await listenTo(database, POLICY_VERSIONS_CHANNEL, () => void refresh(), () => void refresh());
  return { versions, refresh, stop: async () => { await stop(); await latest; } };
}
