import { z } from 'zod';
import { commandLog, complaints, partners } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import {
  COMPLAINT_ANSWER_WORKING_DAYS,
  COMPLAINT_SUBJECT_MAX,
  COMPLAINT_TEXT_MAX,
  complaintIdOf,
  complaintReminders,
} from '../../domain/complaints/complaint.ts';
import { formatShanghai, shanghaiDateOf } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorKey, isStaff, loadAccess, type Access, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { runCommand } from '../cases/run-command.ts';
import { scheduleDeadlines } from '../deadlines/schedule.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { complaintView } from './complaint-record.ts';

export interface FileComplaintInput {
  /** The chat platform's view id; the same key twice files once. */
  key: string;
  actor: Actor;
  /** Needed only by a contact of several partners; defaults to the one they speak for. */
  partnerId?: string;
  subject: string;
  text: string;
  /** Web links (http/https). */
  evidence: string[];
}

export interface FileComplaintResult {
  complaintId: string;
  partnerId: string;
  state: 'filed';
  answerDue: string;
  provisional: boolean;
}

const httpUrl = z.url({ protocol: /^https?$/ });
const EVIDENCE_MAX = 10;

/**
 * R-COMPLAINT (§7.2): a partner's contact complains about the vendor. The
 * complaint is recorded and audited (`complaint.filed`), the answer is due in
 * COMPLAINT_ANSWER_WORKING_DAYS working days (R-WORKDAY), staff are reminded
 * the working day before and admins told when it lapses, and the approvals
 * channel hears of it at once. No sanction ever follows from it.
 */
export async function fileComplaint(deps: CaseDeps, input: FileComplaintInput): Promise<FileComplaintResult> {
  const form = vetForm(input);
  return runCommand(deps, { key: input.key, action: 'complaint.file', actor: actorKey(input.actor) }, async (tx) => {
    const [access, [repeat]] = await Promise.all([loadAccess(tx, input.actor), tx.select({ key: commandLog.key }).from(commandLog).where(eq(commandLog.key, input.key))]);
    // Already filed under this key: runCommand answers with the first result, and no number is drawn.
    // (A twin still in flight draws one and rolls back: a gap, as with case numbers.)
    if (repeat) throw new Error(`complaint ${input.key} is a repeat`);
    const partnerId = complainingPartner(access, input.partnerId);
    const [partner] = await tx.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId));
    if (!partner) throw new DomainError('partner.not_found', `No partner with id "${partnerId}".`, { field: 'partner' });
    const now = deps.clock.now();
    const calendar = await deps.calendar.get(tx);
    const due = calendar.deadline(shanghaiDateOf(now), COMPLAINT_ANSWER_WORKING_DAYS);
    const [row] = await tx
      .insert(complaints)
      .values({ key: input.key, partnerId, filedBy: access.key, ...form, state: 'filed', filedAt: now, answerDueAt: due.due, answerDueProvisional: due.provisional })
      .returning();
    const c = { ...row!, id: complaintIdOf(row!.number), partnerName: partner.name };
    const reminders = complaintReminders(calendar, due.dueDay, due.due).filter((r) => r.at > now);
    const [, , requestOutboxId] = await Promise.all([
      appendAudit(tx, {
        actor: access.key, action: 'complaint.filed', subject: c.id,
        payload: { partnerId, subject: form.subject, evidence: form.evidence.length, answerDue: formatShanghai(due.due), provisional: due.provisional, rule: 'R-COMPLAINT' },
        at: now,
      }),
      scheduleDeadlines(tx, deps, reminders.map((r) => ({
        caseId: null, kind: r.when === 'lapsed' ? ('complaint_lapse' as const) : ('complaint_reminder' as const), dueAt: r.at, provisional: due.provisional, payload: { complaintId: c.id, when: r.when },
      }))),
      enqueue({ tx, clock: deps.clock, jobs: deps.jobs }, null, { type: 'channel', channel: 'approvals' }, { kind: 'complaint_filed', complaint: complaintView(c) }),
    ]);
    // Remembered so the answer can edit that message in place (R-COMPLAINT).
    await tx.update(complaints).set({ requestOutboxId }).where(eq(complaints.number, c.number));
    return { complaintId: c.id, partnerId, state: 'filed' as const, answerDue: formatShanghai(due.due), provisional: due.provisional };
  });
}

function vetForm(input: FileComplaintInput): { subject: string; text: string; evidence: string[] } {
  const subject = input.subject.trim();
  const text = input.text.trim();
  const evidence = input.evidence.map((e) => e.trim()).filter((e) => e !== '');
  if (subject === '') throw new DomainError('complaint.subject_empty', 'Give the complaint a subject.', { field: 'subject' });
  if (subject.length > COMPLAINT_SUBJECT_MAX) throw new DomainError('complaint.subject_too_long', `The subject is limited to ${COMPLAINT_SUBJECT_MAX} characters.`, { field: 'subject' });
  if (text === '') throw new DomainError('complaint.text_empty', 'Describe what the complaint is about.', { field: 'text' });
  if (text.length > COMPLAINT_TEXT_MAX) throw new DomainError('complaint.text_too_long', `The complaint is limited to ${COMPLAINT_TEXT_MAX} characters.`, { field: 'text' });
  if (evidence.length > EVIDENCE_MAX) throw new DomainError('complaint.too_much_evidence', `At most ${EVIDENCE_MAX} links.`, { field: 'evidence' });
  for (const e of evidence) {
    if (!httpUrl.safeParse(e).success) throw new DomainError('evidence.bad_link', `“${e.slice(0, 80)}” is not a web link (http:// or https://).`, { field: 'evidence' });
  }
  return { subject, text, evidence };
}

/**
 * R-COMPLAINT: the complaint is a partner's against the vendor, so only a
 * partner's contact files one, for a partner they speak for. Staff are told
 * it is for partners (they record breaches as cases).
 */
function complainingPartner(access: Access, asked: string | undefined): string {
  if (access.partnerIds.length === 0) {
    const why = isStaff(access) ? 'Complaints are filed by partners against the vendor; staff record breaches as cases (R-COMPLAINT).' : 'Only a partner’s contact can file a complaint (R-COMPLAINT).';
    throw new DomainError('complaint.partners_only', why, { field: 'partner' });
  }
  if (asked === undefined || asked === '') {
    if (access.partnerIds.length === 1) return access.partnerIds[0]!;
    throw new DomainError('complaint.partner_required', `You speak for ${access.partnerIds.join(', ')}: say which partner complains.`, { field: 'partner' });
  }
  // To anyone else another partner does not exist.
  if (!access.partnerIds.includes(asked)) throw new DomainError('partner.not_found', `No partner with id "${asked}".`, { field: 'partner' });
  return asked;
}
