import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/rows.ts';
import { beforeCommit } from '../audit/audit-trail.ts';
import type { Tx } from '../../db/database.ts';
import { contacts, outbox } from '../../db/schema/index.ts';
import { caseViewForAccused, caseViewForPublic } from '../../domain/access/case-view-for.ts';
import { isChatPlatform, type CaseView, type Notification, type Recipient } from '../../domain/notifications/notification.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';

export interface OutboxWriter {
  tx: Tx;
  clock: Clock;
  jobs: JobScheduler;
}

/** The same message with its view of the case cut down for its reader (R-CONFIDENTIAL). */
function seenAs(n: Notification, cut: (v: CaseView) => CaseView): Notification {
  return 'case' in n ? { ...n, case: cut(n.case) } : n;
}

/**
 * Queues one notification in the caller's transaction; returns its outbox id.
 * The public channel gets no more of a case than its public notice (R-CONFIDENTIAL).
 */
export async function enqueue(w: OutboxWriter, caseId: string | null, recipient: Recipient, n: Notification): Promise<number> {
  const payload = recipient.type === 'channel' && recipient.channel === 'notices' ? seenAs(n, caseViewForPublic) : n;
  const [row] = await w.tx
    .insert(outbox)
    .values({ caseId, recipient, kind: n.kind, payload, createdAt: w.clock.now() })
    .returning({ id: outbox.id });
  await beforeCommit(w.tx, () => w.jobs.outboxPending(w.tx, [row!.id]));
  return row!.id;
}

/**
 * A direct message to each of the partner's contacts (R-REPLY: the notice goes
 * to every one of them), never naming a reporting partner's people (R-CONFIDENTIAL).
 */
export async function notifyPartner(w: OutboxWriter, partnerId: string, caseId: string | null, sent: Notification): Promise<number[]> {
  const n = seenAs(sent, caseViewForAccused);
  // One statement: a row per contact, straight from the contacts table.
  const result = await w.tx.execute(sql`
    insert into ${outbox} (case_id, recipient, kind, payload, created_at)
    select ${caseId}, jsonb_build_object('type', 'user', 'platform', platform, 'userId', user_id), ${n.kind}, ${JSON.stringify(n)}::jsonb, ${w.clock.now().toISOString()}::timestamptz
    from ${contacts} where partner_id = ${partnerId}
    order by platform, user_id
    returning id`);
  const ids = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
  await beforeCommit(w.tx, () => w.jobs.outboxPending(w.tx, ids));
  return ids;
}

/**
 * A direct message to a person named by an actor key (`slack:U123`,
 * `dingtalk:0123`); anyone else (the CLI, an import) has no inbox and is
 * skipped. The caller cuts the message to what that person may see.
 */
export async function notifyPerson(w: OutboxWriter, actorKey: string, caseId: string | null, n: Notification): Promise<void> {
  const at = actorKey.indexOf(':');
  const platform = actorKey.slice(0, at);
  const userId = actorKey.slice(at + 1);
  if (at > 0 && userId && isChatPlatform(platform)) await enqueue(w, caseId, { type: 'user', platform, userId }, n);
}
