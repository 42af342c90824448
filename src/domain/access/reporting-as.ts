import { roleFor, type StaffRole } from './roles.ts';

/** Who files a report, as far as reporting goes: the staff roles held and the partners spoken for. */
export interface Reporter {
  roles: ReadonlySet<StaffRole>;
  partnerIds: readonly string[];
}

/**
 * In which capacity a person reports (R-EVIDENCE, §5.4.5): as staff only with
 * the role that files reports (officer); otherwise as the contact of a partner,
 * even when holding another staff role (an approver who is a partner's contact
 * reports as that partner); otherwise not at all. The partner picker and the
 * report itself both ask this, so the picker never offers what the report refuses.
 */
export function reportsAs(r: Reporter): 'staff' | 'partner' | null {
  if (r.roles.has(roleFor('case.report'))) return 'staff';
  return r.partnerIds.length > 0 ? 'partner' : null;
}
