import { and, asc, desc, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db, Tx } from '../../db/database.ts';
import { lockPartner } from '../../db/repositories/partners.repository.ts';
import { contacts, exitApplications, partnerContracts, partnerExits, partners, sanctions } from '../../db/schema/index.ts';
import type { LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkExitApplication, exitDue, type ExitApplication, type ExitDue, type ExitFacts } from '../../domain/exits/exit-due.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { Clock } from '../clock.ts';
import type { JobScheduler } from '../jobs-port.ts';
import { enqueue, notifyPartner } from '../outbox/enqueue.ts';

export interface ExitDeps {
  db: Db;
  clock: Clock;
  jobs: JobScheduler;
  actor: string;
}

export interface ExitDone extends ExitDue {
  partnerId: string;
  /** False when this exit was applied before (the step is idempotent by partner, kind and day). */
  applied: boolean;
  /** The contacts that lost the partner role (and got the notice). */
  contacts: { platform: string; userId: string }[];
}

/** Everything R-EXIT-* reads about one partner, as it stands in the database. */
export async function exitFacts(db: Db | Tx, partnerId: string): Promise<ExitFacts | null> {
  const [p] = await db.select({ status: partners.status }).from(partners).where(eq(partners.id, partnerId));
  if (!p) return null;
  const terms = await db.select({ startsOn: partnerContracts.startsOn, endsOn: partnerContracts.endsOn, renewalNoticeOn: partnerContracts.renewalNoticeOn }).from(partnerContracts).where(eq(partnerContracts.partnerId, partnerId));
  // R-EXIT-REMOVAL: the first class-1 termination in force (announced: its formal decision was made).
  const [t] = await db
    .select({ caseId: sanctions.caseId, decidedOn: sanctions.announcedOn })
    .from(sanctions)
    .where(and(eq(sanctions.partnerId, partnerId), eq(sanctions.terminated, true), isNotNull(sanctions.announcedOn)))
    .orderBy(asc(sanctions.announcedOn))
    .limit(1);
  // The latest accepted application is the one in force.
  const [a] = await db.select().from(exitApplications).where(eq(exitApplications.partnerId, partnerId)).orderBy(desc(exitApplications.appliedOn)).limit(1);
  const application: ExitApplication | null = a ? { appliedOn: a.appliedOn, requestedEndOn: a.requestedEndOn, agreementOn: a.agreementOn, checklist: a.checklist } : null;
  return { status: p.status, contracts: terms, termination: t ? { caseId: t.caseId, decidedOn: t.decidedOn! } : null, application };
}

/**
 * §6, §6.4: ends one partner's qualification in one transaction: the exit is
 * stored (once per partner; the same partner, kind and day again changes
 * nothing), the formal notice goes to every contact — before they lose the
 * role, so the people who spoke for the partner are the ones told — and to
 * the notices channel, the contacts rows are deleted (who they were is kept
 * in the exit row and the audit), the status becomes exited, and the step is
 * audited `partner.exited` with its rule.
 */
export async function exitPartner(deps: ExitDeps, partnerId: string, due: ExitDue): Promise<ExitDone> {
  return deps.db.transaction(async (tx) => {
    await lockPartner(tx, partnerId);
    const [p] = await tx.select().from(partners).where(eq(partners.id, partnerId));
    if (!p) throw new DomainError('partner.not_found', `No partner "${partnerId}".`);
    const [before] = await tx.select().from(partnerExits).where(eq(partnerExits.partnerId, partnerId));
    if (before) {
      if (before.kind === due.kind && before.endsOn === due.endsOn) return { ...due, partnerId, applied: false, contacts: before.contacts };
      throw new DomainError('exit.already_exited', `Partner ${partnerId} already exited on ${before.endsOn} (${before.rule}); it cannot exit again.`);
    }
    const now = deps.clock.now();
    const people = await tx.select({ platform: contacts.platform, userId: contacts.userId }).from(contacts).where(eq(contacts.partnerId, partnerId)).orderBy(asc(contacts.platform), asc(contacts.userId));
    const w = { tx, clock: deps.clock, jobs: deps.jobs };
    const notice = { kind: 'partner_exited' as const, partnerId, partnerName: p.name, exitKind: due.kind, rule: due.rule, endsOn: due.endsOn };
    await notifyPartner(w, partnerId, null, notice);
    await enqueue(w, null, { type: 'channel', channel: 'notices' }, notice);
    await tx.insert(partnerExits).values({ partnerId, kind: due.kind, rule: due.rule, endsOn: due.endsOn, basis: due.basis, contacts: people, actor: deps.actor, createdAt: now });
    await tx.delete(contacts).where(eq(contacts.partnerId, partnerId));
    await tx.update(partners).set({ status: 'exited', updatedAt: now }).where(eq(partners.id, partnerId));
    await appendAudit(tx, {
      actor: deps.actor,
      action: 'partner.exited',
      subject: `${partnerId}/${due.kind}/${due.endsOn}`,
      payload: { kind: due.kind, endsOn: due.endsOn, basis: due.basis, statusBefore: p.status, contactsRemoved: people, rule: due.rule },
      at: now,
    });
    return { ...due, partnerId, applied: true, contacts: people };
  });
}

/**
 * The daily check (§6): every partner not yet exited whose exit is in force
 * on `on` is exited; returns what was done. Run by the daily job and by
 * `cli exit check`; running it again the same day does nothing.
 */
export async function checkExits(deps: ExitDeps, on: LocalDate): Promise<ExitDone[]> {
  const ids = await deps.db.select({ id: partners.id }).from(partners).where(ne(partners.status, 'exited')).orderBy(asc(partners.id));
  const done: ExitDone[] = [];
  for (const { id } of ids) {
    const facts = await exitFacts(deps.db, id);
    const due = facts && exitDue(facts, on);
    if (!due) continue;
    // Another run (the daily job, `cli exit check`) may have exited the partner meanwhile: only what this run did is reported.
    const exited = await exitPartner(deps, id, due);
    if (exited.applied) done.push(exited);
  }
  return done;
}

export interface ExitApplicationInput extends ExitApplication {
  partnerId: string;
}

/**
 * R-EXIT-VOLUNTARY: records a partner's written exit application; refused
 * with a coded error (nothing stored) under a month's notice, with the
 * checklist incomplete, or for a partner already exited. The same
 * application again changes nothing. The qualification ends on the agreement
 * date, when the daily check (or `cli exit check`) reaches it.
 */
export async function applyForExit(deps: ExitDeps, a: ExitApplicationInput): Promise<{ recorded: boolean }> {
  checkExitApplication(a);
  return deps.db.transaction(async (tx) => {
    await lockPartner(tx, a.partnerId);
    const [p] = await tx.select({ status: partners.status }).from(partners).where(eq(partners.id, a.partnerId));
    if (!p) throw new DomainError('partner.not_found', `No partner "${a.partnerId}".`);
    if (p.status === 'exited') throw new DomainError('exit.already_exited', `Partner ${a.partnerId} has already exited.`);
    const now = deps.clock.now();
    const inserted = await tx
      .insert(exitApplications)
      .values({ partnerId: a.partnerId, appliedOn: a.appliedOn, requestedEndOn: a.requestedEndOn, agreementOn: a.agreementOn, checklist: [...a.checklist], actor: deps.actor, createdAt: now })
      .onConflictDoNothing()
      .returning({ partnerId: exitApplications.partnerId });
    if (inserted.length === 0) return { recorded: false };
    await appendAudit(tx, {
      actor: deps.actor,
      action: 'exit.applied',
      subject: `${a.partnerId}/${a.appliedOn}`,
      payload: { requestedEndOn: a.requestedEndOn, agreementOn: a.agreementOn, checklist: a.checklist, rule: 'R-EXIT-VOLUNTARY' },
      at: now,
    });
    return { recorded: true };
  });
}
