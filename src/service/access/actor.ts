import { and, eq, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.ts';
import { contacts, roles } from '../../db/schema/index.ts';
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
  // One statement for both (every step starts here): the staff roles and the partners this person speaks for.
  const rows = await unionAll(
    db.select({ kind: sql<'role' | 'partner'>`'role'`.as('kind'), value: sql<string>`${roles.role}`.as('value') }).from(roles).where(and(eq(roles.platform, actor.platform), eq(roles.userId, actor.userId))),
    db.select({ kind: sql<'role' | 'partner'>`'partner'`.as('kind'), value: contacts.partnerId }).from(contacts).where(and(eq(contacts.platform, actor.platform), eq(contacts.userId, actor.userId))),
  );
  const granted = rows.filter((r) => r.kind === 'role').map((r) => r.value).filter(isStaffRole);
  const partnerIds = rows.filter((r) => r.kind === 'partner').map((r) => r.value);
  return { actor, key: actorKey(actor), roles: new Set(granted), partnerIds };
}

export function isStaff(a: Access): boolean {
  return a.roles.size > 0;
}
