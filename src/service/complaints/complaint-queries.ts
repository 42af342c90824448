import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { complaints, partners } from '../../db/schema/index.ts';
import { complaintIdOf, type ComplaintState } from '../../domain/complaints/complaint.ts';
import { formatShanghai } from '../../domain/dates.ts';
import { isStaff, loadAccess, type Actor } from '../access/actor.ts';

export interface ComplaintListItem {
  complaintId: string;
  partnerId: string;
  partnerName: string;
  subject: string;
  state: ComplaintState;
  filedBy: string;
  filedAt: string;
  answerDue: string;
  provisional: boolean;
  answeredBy: string | null;
  closedAt: string | null;
}

/**
 * R-COMPLAINT: staff see every complaint; a partner's contact only their
 * partner's; anyone else none. `open`: only those still waiting for an answer.
 */
export async function listComplaints(db: Db, actor: Actor, opts: { open?: boolean } = {}): Promise<ComplaintListItem[]> {
  const access = await loadAccess(db, actor);
  if (!isStaff(access) && access.partnerIds.length === 0) return [];
  const where: SQL[] = [];
  if (!isStaff(access)) where.push(inArray(complaints.partnerId, [...access.partnerIds]));
  if (opts.open) where.push(eq(complaints.state, 'filed'));
  const rows = await db
    .select({ c: complaints, partnerName: partners.name })
    .from(complaints)
    .innerJoin(partners, eq(partners.id, complaints.partnerId))
    .where(and(...where))
    .orderBy(asc(complaints.number));
  return rows.map(({ c, partnerName }) => ({
    complaintId: complaintIdOf(c.number), partnerId: c.partnerId, partnerName, subject: c.subject, state: c.state, filedBy: c.filedBy,
    filedAt: formatShanghai(c.filedAt), answerDue: formatShanghai(c.answerDueAt), provisional: c.answerDueProvisional,
    answeredBy: c.answeredBy, closedAt: c.closedAt ? formatShanghai(c.closedAt) : null,
  }));
}

/**
 * R-COMPLAINT: the partners a person may complain for: those they speak for,
 * and no other (the complaint modal's picker lists only these). Staff and
 * strangers have none, and are told why by `complaint.partners_only`.
 */
export async function partnersComplainingAs(db: Db, actor: Actor): Promise<{ staff: boolean; partners: { id: string; name: string }[] }> {
  const access = await loadAccess(db, actor);
  if (access.partnerIds.length === 0) return { staff: isStaff(access), partners: [] };
  const rows = await db.select({ id: partners.id, name: partners.name }).from(partners).where(inArray(partners.id, [...access.partnerIds])).orderBy(asc(partners.id));
  return { staff: isStaff(access), partners: rows };
}
