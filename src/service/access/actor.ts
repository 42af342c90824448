import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { partnersOfContact } from '../../db/repositories/partners.repository.ts';
import { roles } from '../../db/schema/index.ts';
import { isStaffRole, staffRoles, type StaffRole } from '../../domain/access/roles.ts';

/** A person acting through a chat platform or the CLI. */
export interface Actor {
  platform: string;
  userId: string;
}

export interface Access {
  actor: Actor;
  key: string;
  roles: ReadonlySet<StaffRole>;
  /** Partners this person is a contact of (sees only their cases). */
  partnerIds: readonly string[];
}

export function actorKey(a: Actor): string {
  return `${a.platform}:${a.userId}`;
}

/**
 * The CLI runs with the operator's own authority: whoever can reach the
 * database can already do anything, so every staff role is theirs.
 */
export async function loadAccess(db: Db, actor: Actor): Promise<Access> {
  if (actor.platform === 'cli') return { actor, key: actorKey(actor), roles: new Set(staffRoles), partnerIds: [] };
  const [rows, partnerIds] = await Promise.all([
    db.select({ role: roles.role }).from(roles).where(and(eq(roles.platform, actor.platform), eq(roles.userId, actor.userId))),
    partnersOfContact(db, actor.platform, actor.userId),
  ]);
  return { actor, key: actorKey(actor), roles: new Set(rows.map((r) => r.role).filter(isStaffRole)), partnerIds };
}

export function isStaff(a: Access): boolean {
  return a.roles.size > 0;
}
