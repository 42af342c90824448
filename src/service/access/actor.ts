import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { partnersOfContact } from '../../db/repositories/partners.repository.ts';
import { roles } from '../../db/schema/index.ts';
import { isStaffRole, type StaffRole } from '../../domain/access/roles.ts';

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

export async function loadAccess(db: Db, actor: Actor): Promise<Access> {
  const [rows, partnerIds] = await Promise.all([
    db.select({ role: roles.role }).from(roles).where(and(eq(roles.platform, actor.platform), eq(roles.userId, actor.userId))),
    partnersOfContact(db, actor.platform, actor.userId),
  ]);
  return { actor, key: actorKey(actor), roles: new Set(rows.map((r) => r.role).filter(isStaffRole)), partnerIds };
}

export function isStaff(a: Access): boolean {
  return a.roles.size > 0;
}
