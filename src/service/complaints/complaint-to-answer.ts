import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { complaints, partners } from '../../db/schema/index.ts';
import { complaintExistsForAnswering } from '../../domain/access/complaint-visibility.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { complaintIdOf, stepComplaint } from '../../domain/complaints/complaint.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ComplaintView } from '../../domain/notifications/notification.ts';
import { isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { complaintNumberOf, complaintView } from './complaint-record.ts';

/**
 * R-COMPLAINT: the complaint an answer form is opened for, refused early with
 * what answerComplaint would refuse anyway. To anyone not staff it does not
 * exist (complaintExistsForAnswering): the same words as for an id that was
 * never filed. Staff without the role are told which role; an answered one
 * is `complaint.closed`.
 */
export async function complaintToAnswer(db: Db, actor: Actor, id: string): Promise<ComplaintView> {
  const access = await loadAccess(db, actor);
  const number = complaintNumberOf(id);
  const [row] =
    number === null
      ? []
      : await db.select({ c: complaints, partnerName: partners.name }).from(complaints).innerJoin(partners, eq(partners.id, complaints.partnerId)).where(eq(complaints.number, number));
  if (!row || !complaintExistsForAnswering({ staff: isStaff(access), partnerIds: access.partnerIds }, row.c.partnerId)) {
    throw new DomainError('complaint.not_found', `No complaint with id "${id}".`, { complaintId: id });
  }
  requireRole(access.roles, 'complaint.answer', `<@${actor.userId}>`);
  const c = { ...row.c, id: complaintIdOf(row.c.number), partnerName: row.partnerName };
  stepComplaint(c.state, 'answer', c.id);
  return complaintView(c);
}
