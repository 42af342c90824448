import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Staff roles (officer, approver, finance, admin), granted with `cli roles grant`. */
export const roles = pgTable(
  'roles',
  {
    platform: text('platform').notNull().default('slack'),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['officer', 'approver', 'finance', 'admin'] }).notNull(),
    grantedBy: text('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.userId, t.role] }),
    check('roles_role_check', sql`${t.role} in ('officer', 'approver', 'finance', 'admin')`),
  ],
);
