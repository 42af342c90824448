import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { rowsOf } from '../../db/rows.ts';
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
  const rows = rowsOf<{ kind: 'role' | 'partner'; value: string }>(
    await db.execute(sql`
      select 'role' as kind, role as value from ${roles} where platform = ${actor.platform} and user_id = ${actor.userId}
      union all
      select 'partner', partner_id from ${contacts} where platform = ${actor.platform} and user_id = ${actor.userId}`),
  );
  const granted = rows.filter((r) => r.kind === 'role').map((r) => r.value).filter(isStaffRole);
  const partnerIds = rows.filter((r) => r.kind === 'partner').map((r) => r.value);
  return { actor, key: actorKey(actor), roles: new Set(granted), partnerIds };
}

export function isStaff(a: Access): boolean {
  return a.roles.size > 0;
}
