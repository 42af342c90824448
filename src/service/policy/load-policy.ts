import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { insertPolicyVersionIfMissing, loadPolicyVersions } from '../../db/repositories/policy.repository.ts';
import { rowsOf } from '../../db/rows.ts';
import { contacts, outbox, partners } from '../../db/schema/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Notification } from '../../domain/notifications/notification.ts';
import type { PolicyVersion } from '../../domain/policy/policy-version.ts';
import { appendAudit, beforeCommit } from '../audit/audit-trail.ts';
import { today, type Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { POLICY_VERSIONS_CHANNEL } from './live-policies.ts';
import { parsePolicyFile } from './policy-file.ts';

export interface LoadPolicyDeps {
  db: Db;
  clock: Clock;
  jobs: JobScheduler;
  actor: string;
}

export interface LoadedPolicy {
  id: string;
  effectiveFrom: string;
  publishedOn: string;
  catalogItems: number;
  /** The version whose catalog carried over, when the file had none. */
  catalogFrom: string | null;
  /** Partner contacts (distinct chat users) the announcement goes to, besides the notices channel. */
  announcedTo: number;
}

/**
 * `cli policy load FILE` (R-POLICY, R-ANNOUNCE): stores a new policy version,
 * published today, effective on a later day, and in the same transaction
 * queues its announcement to every contact of an active partner and to the
 * notices channel (§5.2.1: announced before it applies). A version already
 * loaded, an effective date not in the future, or one another version
 * already has, is refused and nothing changes.
 */
export async function loadPolicyVersion(deps: LoadPolicyDeps, file: { name: string; text: string }): Promise<LoadedPolicy> {
  const f = parsePolicyFile(file.name, file.text);
  const publishedOn = today(deps.clock);
  if (f.effectiveFrom <= publishedOn) {
    throw new DomainError('policy.not_future', `effectiveFrom ${f.effectiveFrom} must be after today (${publishedOn}): a version is announced before it applies (R-ANNOUNCE)`);
  }
  return deps.db.transaction(async (tx) => {
    const existing = await loadPolicyVersions(tx);
    if (existing.some((v) => v.id === f.id)) throw new DomainError('policy.exists', `policy version ${f.id} is already loaded; a published version is never changed (load a new id)`);
    const sameDay = existing.find((v) => v.effectiveFrom === f.effectiveFrom);
    if (sameDay) throw new DomainError('policy.same_day', `policy version ${sameDay.id} already takes effect on ${f.effectiveFrom}`);
    const latest = existing.at(-1);
    if (!f.catalog && !latest) throw new DomainError('policy.no_catalog', `${file.name} has no catalog and there is no earlier version to carry one over from`);
    const version: PolicyVersion = { id: f.id, effectiveFrom: f.effectiveFrom, publishedOn, params: f.params, catalog: f.catalog ?? latest!.catalog };
    await insertPolicyVersionIfMissing(tx, version);
    const now = deps.clock.now();
    const catalogFrom = f.catalog ? null : latest!.id;
    const n: Notification = { kind: 'policy_announced', version: f.id, effectiveFrom: f.effectiveFrom, publishedOn };
    await enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, null, { type: 'channel', channel: 'notices' }, n);
    // One DM per person, however many partners they speak for; one statement for all of them.
    const result = await tx.execute(sql`
      insert into ${outbox} (case_id, recipient, kind, payload, created_at)
      select null, jsonb_build_object('type', 'user', 'platform', c.platform, 'userId', c.user_id), ${n.kind}, ${JSON.stringify(n)}::jsonb, ${now.toISOString()}::timestamptz
      from (select distinct ${contacts.platform} as platform, ${contacts.userId} as user_id from ${contacts} join ${partners} on ${partners.id} = ${contacts.partnerId}
            where ${partners.status} = 'active') c
      order by c.platform, c.user_id
      returning id`);
    const ids = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
    await beforeCommit(tx, () => deps.jobs.outboxPending(tx, ids));
    // A running service re-reads its versions when this commits (src/service/policy/live-policies.ts).
    await tx.execute(sql`select pg_notify(${POLICY_VERSIONS_CHANNEL}, ${f.id})`);
    await appendAudit(tx, {
      actor: deps.actor,
      action: 'policy.loaded',
      subject: f.id,
      payload: { effectiveFrom: f.effectiveFrom, publishedOn, catalogItems: version.catalog.length, catalogFrom, announcedTo: ids.length, rule: 'R-ANNOUNCE' },
      at: now,
    });
    return { id: f.id, effectiveFrom: f.effectiveFrom, publishedOn, catalogItems: version.catalog.length, catalogFrom, announcedTo: ids.length };
  });
}
