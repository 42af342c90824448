/**
 * R-COMPLAINT read with R-CONFIDENTIAL: who knows of a complaint. Staff know
 * every one; the filing partner's contacts know their partner's own; to anyone
 * else it does not exist. Answering is staff's alone, so to anyone not staff
 * the answer step finds no complaint at all: a click on a forwarded approvals
 * message tells them nothing, not even that the id is real.
 */
export interface ComplaintViewer {
  /** Holds any staff role. */
  staff: boolean;
  /** Partners the person is a contact of. */
  partnerIds: readonly string[];
}

export type ComplaintRelation = 'staff' | 'filer' | 'other';

export function complaintRelation(viewer: ComplaintViewer, partnerId: string): ComplaintRelation {
  if (viewer.staff) return 'staff';
  return viewer.partnerIds.includes(partnerId) ? 'filer' : 'other';
}

/** The complaint exists for this person (listing, the answer they are told of). */
export function maySeeComplaint(viewer: ComplaintViewer, partnerId: string): boolean {
  return complaintRelation(viewer, partnerId) !== 'other';
}

/** The answer step (button, modal, submission) exists only for staff; the role it needs is still checked after. */
export function complaintExistsForAnswering(viewer: ComplaintViewer, partnerId: string): boolean {
  return complaintRelation(viewer, partnerId) === 'staff';
}
