import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { roles } from '../../db/schema/index.ts';
import { isStaffRole, staffRoles, type StaffRole } from '../../domain/access/roles.ts';
import { DomainError } from '../../domain/errors.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import type { Clock } from '../clock.ts';

export interface RoleChange {
  platform?: string;
  userId: string;
  role: string;
  by: string;
}

function checkRole(role: string): StaffRole {
  if (!isStaffRole(role)) throw new DomainError('roles.unknown', `Unknown role "${role}"; roles are ${staffRoles.join(', ')}.`);
  return role;
}

function checkUser(userId: string): string {
  if (!/^[A-Za-z0-9._-]{2,64}$/.test(userId)) throw new DomainError('roles.bad_user', `"${userId}" is not a chat user id (like U0123ABCD, or dingtalk:0123).`);
  return userId;
}

/** The chat platforms a person can act through; a role is held on one of them (`slack:U…`, `dingtalk:<userId>`). */
export const rolePlatforms = ['slack', 'dingtalk'] as const;

/**
 * A person as the CLI names them: `dingtalk:0123`, `slack:U0123ABCD`, or a
 * bare Slack id (as before DingTalk, issue 12). An unknown prefix is refused
 * in words rather than read as part of an id.
 */
export function parseUserRef(text: string): { platform: string; userId: string } {
  const m = /^([a-z]+):(.*)$/i.exec(text.trim());
  if (!m) return { platform: 'slack', userId: text.trim() };
  const platform = m[1]!.toLowerCase();
  if (!(rolePlatforms as readonly string[]).includes(platform)) {
    throw new DomainError('roles.bad_platform', `"${m[1]}" is not a chat platform; name the person as slack:U0123ABCD or dingtalk:<userId>.`);
  }
  return { platform, userId: m[2]! };
}

/** `cli roles grant USER ROLE`: the CLI runs with the operator's own authority (whoever may run it may grant). */
export async function grantRole(deps: { db: Db; clock: Clock }, change: RoleChange): Promise<{ changed: boolean }> {
  const role = checkRole(change.role);
  const userId = checkUser(change.userId);
  const platform = change.platform ?? 'slack';
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(roles)
      .values({ platform, userId, role, grantedBy: change.by, grantedAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ userId: roles.userId });
    if (inserted.length > 0) await appendAudit(tx, { actor: change.by, action: 'role.granted', subject: `${platform}:${userId}`, payload: { role }, at: deps.clock.now() });
    return { changed: inserted.length > 0 };
  });
}

export async function revokeRole(deps: { db: Db; clock: Clock }, change: RoleChange): Promise<{ changed: boolean }> {
  const role = checkRole(change.role);
  const platform = change.platform ?? 'slack';
  return deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(roles)
      .where(and(eq(roles.platform, platform), eq(roles.userId, change.userId), eq(roles.role, role)))
      .returning({ userId: roles.userId });
    if (removed.length > 0) await appendAudit(tx, { actor: change.by, action: 'role.revoked', subject: `${platform}:${change.userId}`, payload: { role }, at: deps.clock.now() });
    return { changed: removed.length > 0 };
  });
}

export async function listRoles(db: Db): Promise<{ platform: string; userId: string; role: string }[]> {
  return db.select({ platform: roles.platform, userId: roles.userId, role: roles.role }).from(roles).orderBy(roles.userId, roles.role);
}
