import { sql } from 'drizzle-orm';
import { check, date, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/**
 * R-CAT, R-EXIT-EXPIRY, R-EXIT-RENEWAL (§6): a partner's contracts, one row
 * per term. `ends_on` is the contract's last day (inclusive, as the contract
 * states it); `renewal_notice_on` is the date a renewal notice set, if any.
 */
export const partnerContracts = pgTable(
  'partner_contracts',
  {
    partnerId: text('partner_id')
      .notNull()
      .references(() => partners.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    renewalNoticeOn: date('renewal_notice_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.startsOn] }), check('partner_contracts_dates_check', sql`${t.endsOn} >= ${t.startsOn}`)],
);

export type PartnerContractRow = typeof partnerContracts.$inferSelect;
