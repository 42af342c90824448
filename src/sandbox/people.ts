import type { StaffRole } from '../domain/access/roles.ts';

/**
 * The sandbox's small Slack workspace: who is in it and which channels it
 * has. Staff hold roles the way an admin grants them; partner contacts are
 * imported with their partner (R-CAT). Ids look like Slack's, so the bot's
 * own checks (user ids U…, channel ids C…) hold unchanged.
 */
export interface SandboxPerson {
  id: string;
  name: string;
  /** What the person does here, shown under their name in the switcher. */
  title: string;
  /** users.info locale: what the bot answers in. */
  locale: 'en-US' | 'zh-CN';
  roles: readonly StaffRole[];
  /** The partner this person is a contact of. */
  partnerId?: string;
}

export const BOT_USER_ID = 'USANDBOXBOT';
export const BOT_ID = 'BSANDBOXBOT';
export const TEAM_ID = 'TSANDBOX';

export const PEOPLE: readonly SandboxPerson[] = [
  { id: 'UOFFICER1', name: 'Li Wei', title: 'Compliance officer', locale: 'en-US', roles: ['officer'] },
  { id: 'UOFFICER2', name: 'Zhang Min', title: 'Compliance officer (second)', locale: 'zh-CN', roles: ['officer', 'approver'] },
  { id: 'UAPPROVER1', name: 'Wang Fang', title: 'Approver', locale: 'en-US', roles: ['approver'] },
  { id: 'UFINANCE1', name: 'Chen Jing', title: 'Finance', locale: 'en-US', roles: ['finance'] },
  { id: 'UADMIN1', name: 'Zhao Lei', title: 'Program admin', locale: 'en-US', roles: ['admin'] },
  { id: 'UPARTNERA1', name: 'Liu Yang', title: 'Contact of Cloudway Consulting (P-A)', locale: 'en-US', roles: [], partnerId: 'P-A' },
  { id: 'UPARTNERB1', name: 'Sun Hao', title: 'Contact of Bluepeak Services (P-B)', locale: 'zh-CN', roles: [], partnerId: 'P-B' },
  { id: 'UPARTNERC1', name: 'Zhou Xin', title: 'Contact of Cedar Solutions (P-C)', locale: 'en-US', roles: [], partnerId: 'P-C' },
];

export interface SandboxChannel {
  id: string;
  name: string;
  purpose: string;
  /** Who is in it: everyone, or staff only (people with a role), as an admin would set it up. */
  members: 'everyone' | 'staff';
}

/** The bot's two channels (NOTICES_CHANNEL, APPROVALS_CHANNEL in a real install). */
export const CHANNELS = {
  notices: { id: 'CNOTICES0001', name: 'partner-notices', purpose: 'Public notices to all partners', members: 'everyone' },
  approvals: { id: 'CAPPROVALS01', name: 'violation-approvals', purpose: 'Determinations waiting for a second person', members: 'staff' },
} as const satisfies Record<string, SandboxChannel>;

export function personById(id: string): SandboxPerson | undefined {
  return PEOPLE.find((p) => p.id === id);
}

/** Whether a person is a member of a channel. */
export function isMember(person: SandboxPerson, channel: SandboxChannel): boolean {
  return channel.members === 'everyone' || person.roles.length > 0;
}
