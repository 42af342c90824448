import { DomainError } from '../errors.ts';

/**
 * Staff roles granted with `cli roles grant`. A partner contact is not a
 * role: it comes from the contacts the partners import names.
 */
export const staffRoles = ['officer', 'approver', 'finance', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export type Permission =
  | 'case.report'
  | 'case.notice'
  | 'case.suspend'
  | 'case.lift_suspension'
  | 'determination.propose'
  | 'determination.decide'
  | 'objection.answer'
  | 'payment.record'
  | 'partner.request'
  | 'partner.manage'
  | 'complaint.answer'
  | 'partner.exit'
  | 'admin.manage';

const needs: Record<Permission, StaffRole> = {
  'case.report': 'officer',
  'case.notice': 'officer',
  'case.suspend': 'officer',
  'case.lift_suspension': 'officer',
  'determination.propose': 'officer',
  'determination.decide': 'approver',
  'objection.answer': 'officer',
  'payment.record': 'finance',
  'partner.request': 'admin',
  'partner.manage': 'admin',
  'complaint.answer': 'officer',
  // §6: ending a partner's qualification is the program's administration.
  'partner.exit': 'admin',
  'admin.manage': 'admin',
};

const doing: Record<Permission, string> = {
  'case.report': 'report a violation as staff',
  'case.notice': 'send a notice',
  'case.suspend': 'suspend incentive payouts',
  'case.lift_suspension': 'lift a suspension of incentive payouts',
  'determination.propose': 'propose a determination',
  'determination.decide': 'approve or reject a determination',
  'objection.answer': 'answer an objection',
  'payment.record': 'record a payment',
  'partner.request': 'ask for a partner’s upgrade, onboarding or program',
  'partner.manage': 'add or change a partner in the registry',
  'complaint.answer': 'answer a partner’s complaint',
  'partner.exit': 'check a partner’s exit or record its exit application',
  'admin.manage': 'manage roles, policy and the calendar',
};

export function roleFor(p: Permission): StaffRole {
  return needs[p];
}

/** Every refusal names the missing role. */
export function requireRole(held: ReadonlySet<StaffRole>, p: Permission, who: string): void {
  const role = needs[p];
  if (!held.has(role)) {
    throw new DomainError('access.missing_role', `${who} needs the ${role} role to ${doing[p]}.`, { role, permission: p });
  }
}

export function isStaffRole(s: string): s is StaffRole {
  return (staffRoles as readonly string[]).includes(s);
}
