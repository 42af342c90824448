import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { complaints, partners, type ComplaintRow } from '../../db/schema/index.ts';
import { complaintIdOf } from '../../domain/complaints/complaint.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatShanghai } from '../../domain/dates.ts';
import type { ComplaintView } from '../../domain/notifications/notification.ts';

export type ComplaintRecord = ComplaintRow & { id: string; partnerName: string };

/** `C-000042` → 42; anything else is no complaint at all. */
export function complaintNumberOf(id: string): number | null {
  const m = /^C-(\d{6,})$/.exec(id.trim());
  return m ? Number(m[1]) : null;
}

/** The complaint and its partner's name, locked for the step that changes it; not found is a clear error. */
export async function lockComplaint(tx: Tx, id: string): Promise<ComplaintRecord> {
  const number = complaintNumberOf(id);
  const [row] =
    number === null
      ? []
      : await tx
          .select({ c: complaints, partnerName: partners.name })
          .from(complaints)
          .innerJoin(partners, eq(partners.id, complaints.partnerId))
          .where(eq(complaints.number, number))
          .for('update', { of: complaints });
  if (!row) throw new DomainError('complaint.not_found', `No complaint with id "${id}".`, { complaintId: id });
  return { ...row.c, id: complaintIdOf(row.c.number), partnerName: row.partnerName };
}

export function complaintView(c: ComplaintRecord): ComplaintView {
  return {
    complaintId: c.id, partnerId: c.partnerId, partnerName: c.partnerName, subject: c.subject, text: c.text, evidence: c.evidence,
    filedBy: c.filedBy, filedAt: formatShanghai(c.filedAt), answerDue: formatShanghai(c.answerDueAt), provisional: c.answerDueProvisional,
  };
}
