import { sql } from 'drizzle-orm';
import { bigint, check, date, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

export { requestKinds, type RequestKind } from '../../domain/requests/partner-request.ts';
import { requestKinds } from '../../domain/requests/partner-request.ts';

/**
 * R-RESTRICT: the requests the service granted (a refusal is only audited).
 * One row per key: partner, kind, subject (the category or program, '' when
 * none) and day; asking again returns this row.
 */
export const partnerRequests = pgTable(
  'partner_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    kind: text('kind', { enum: requestKinds }).notNull(),
    /** The category (upgrade, onboarding) or program name (program); '' when the request names none. */
    subject: text('subject').notNull().default(''),
    requestedOn: date('requested_on', { mode: 'string' }).notNull(),
    actor: text('actor').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    unique('partner_requests_key_unique').on(t.partnerId, t.kind, t.subject, t.requestedOn),
    check('partner_requests_kind_check', sql`${t.kind} in ('upgrade', 'onboarding', 'program')`),
  ],
);

export type PartnerRequestRow = typeof partnerRequests.$inferSelect;
