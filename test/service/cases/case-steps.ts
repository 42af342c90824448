import { asc, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { auditEvents, deadlines, outbox, type OutboxRow } from '../../../src/db/schema/index.ts';
import type { Notification, Recipient } from '../../../src/domain/notifications/notification.ts';
import type { Actor } from '../../../src/service/access/actor.ts';
import { verifyAuditTrail } from '../../../src/service/audit/audit-trail.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { reportViolation, type ReportInput, type ReportResult } from '../../../src/service/cases/report-violation.ts';
import { sweepDeadlines } from '../../../src/service/deadlines/process-deadline.ts';
import { importPartners } from '../../../src/service/imports/import-partners.ts';
import { APPROVER, key, OFFICER, type CaseWorld } from '../../support/case-fixtures.ts';
import { partnersCsv, query } from '../../support/service-fixtures.ts';

/**
 * Steps every case test takes, with the dates of the default world: the
 * clock stands at Monday 2026-06-01 12:00 Shanghai, so the reply and the
 * objection windows both close at 2026-06-04T23:59:59+08:00 (R-WORKDAY), and
 * a penalty noticed that day is due 2026-09-01 (R-LATE).
 */
export const NOTICE_DAY = '2026-06-01';
export const WINDOW_CLOSES = '2026-06-04T23:59:59+08:00';
/** The first instant after the windows close (R-DECISION). */
export const AFTER_WINDOW = '2026-06-05T00:00:00+08:00';
export const PAYMENT_DUE = '2026-09-01';

export const A_LINK = { kind: 'link', ref: 'https://example.com/evidence/1' } as const;
export const A_FILE = { kind: 'file', ref: 'F0PROOF123' } as const;

export async function report(w: CaseWorld, over: Partial<ReportInput> = {}): Promise<ReportResult> {
  return reportViolation(w.cases, {
    key: key('report'), actor: OFFICER, partnerId: 'P1', itemId: 'SVC-09', occurredOn: '2026-05-20',
    facts: 'Tickets left unanswered for a week', evidence: [A_LINK], ...over,
  });
}

/** Proposed by the officer and approved by a second person (R-DETERMINE). */
export async function determine(
  w: CaseWorld,
  caseId: string,
  opts: { established?: boolean; terminate?: boolean; reasons?: string; approver?: Actor } = {},
) {
  const proposal = await proposeDetermination(w.cases, {
    key: key('propose'), actor: OFFICER, caseId, established: opts.established ?? true, terminate: opts.terminate ?? false, reasons: opts.reasons ?? 'The facts are clear',
  });
  const decided = await decideDetermination(w.cases, { key: key('decide'), actor: opts.approver ?? APPROVER, determinationId: proposal.determinationId, approve: true });
  return { proposal, decided };
}

/** R-DECISION: the objection window closes in silence and the sweep issues the formal decision. */
export async function closeObjectionWindow(w: CaseWorld, at: string = AFTER_WINDOW) {
  w.clock.set(at);
  return sweepDeadlines(w.cases);
}

export async function stateOf(w: CaseWorld, caseId: string): Promise<string | undefined> {
  return (await findCase(w.db, caseId))?.state;
}

export interface Message {
  id: number;
  kind: Notification['kind'];
  recipient: Recipient;
  payload: Notification;
}

/** Outbox rows (of one case, or all), oldest first. */
export async function messages(db: Db, caseId?: string): Promise<Message[]> {
  const rows: OutboxRow[] = await db.select().from(outbox).where(caseId ? eq(outbox.caseId, caseId) : undefined).orderBy(asc(outbox.id));
  return rows.map((r) => ({ id: r.id, kind: r.kind as Notification['kind'], recipient: r.recipient as Recipient, payload: r.payload as Notification }));
}

/** `kind → recipient` lines, easy to compare whole. */
export function addressed(list: readonly Message[]): string[] {
  return list.map((m) => `${m.kind} → ${m.recipient.type === 'user' ? m.recipient.userId : m.recipient.type === 'channel' ? `#${m.recipient.channel}` : `update #${m.recipient.outboxId}`}`);
}

export async function auditActions(db: Db, subject?: string): Promise<string[]> {
  const rows = await db.select({ action: auditEvents.action }).from(auditEvents).where(subject ? eq(auditEvents.subject, subject) : undefined).orderBy(asc(auditEvents.id));
  return rows.map((r) => r.action);
}

export async function openDeadlines(db: Db, caseId: string): Promise<{ kind: string; dueAt: Date; provisional: boolean }[]> {
  const rows = await db.select().from(deadlines).where(eq(deadlines.caseId, caseId)).orderBy(asc(deadlines.dueAt), asc(deadlines.id));
  return rows.filter((d) => d.doneAt === null).map((d) => ({ kind: d.kind, dueAt: d.dueAt, provisional: d.provisional }));
}

export async function expectAuditIntact(db: Db): Promise<void> {
  expect(await verifyAuditTrail(db)).toMatchObject({ ok: true });
}

const TABLES = [
  'cases', 'case_evidence', 'case_replies', 'objections', 'determinations', 'deadlines', 'outbox', 'audit_events', 'command_log',
  'sanctions', 'restrictions', 'ledger_entries', 'partners', 'roles',
] as const;

/**
 * Everything a step may write: row counts, and the rows that a step updates
 * in place (case states, open deadlines, determination statuses, partner
 * statuses). Equal before and after = nothing changed.
 */
export async function worldSnapshot(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) {
    const [row] = await query<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${t}`));
    out[t] = Number(row?.n);
  }
  out.caseRows = await query(db, sql`select id, state, suspended, item_id, updated_at::text from cases order by id`);
  out.openDeadlines = await query(db, sql`select id::int from deadlines where done_at is null order by id`);
  out.determinationRows = await query(db, sql`select id::int, status from determinations order by id`);
  out.partnerRows = await query(db, sql`select id, status from partners order by id`);
  return out;
}

/** P1 gets a second contact, U0PARTNER1B (contacts are set to the file's). */
export async function givenTwoContacts(w: CaseWorld): Promise<void> {
  await importPartners(w.deps, partnersCsv([['P1', 'Partner One', 'consulting_sales', 'gold', 'U0PARTNER1;U0PARTNER1B']], 'partners-two-contacts.csv'));
}

/** Another partner, P2, whose contact is U0PARTNER2. */
export const P2_CONTACT: Actor = { platform: 'slack', userId: 'U0PARTNER2' };
export async function givenOtherPartner(w: CaseWorld): Promise<void> {
  await importPartners(w.deps, partnersCsv([['P2', 'Partner Two', 'service', 'silver', 'U0PARTNER2']], 'partner-P2.csv'));
}
