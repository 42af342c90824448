import type { Database } from '../../src/db/database.ts';
import { grantRole } from '../../src/service/access/manage-roles.ts';
import type { Actor } from '../../src/service/access/actor.ts';
import { CalendarCache } from '../../src/service/calendar/calendar-cache.ts';
import type { CaseDeps } from '../../src/service/cases/case-deps.ts';
import { noJobScheduler } from '../../src/service/jobs-port.ts';
import { givenPartner, serviceWorld, type ServiceWorld } from './service-fixtures.ts';

/** People in the tests: staff by role, and contacts of the partners the fixtures import. */
export const OFFICER: Actor = { platform: 'slack', userId: 'U0OFFICER' };
export const APPROVER: Actor = { platform: 'slack', userId: 'U0APPROVER' };
export const APPROVER2: Actor = { platform: 'slack', userId: 'U0APPROVER2' };
export const FINANCE: Actor = { platform: 'slack', userId: 'U0FINANCE' };
export const ADMIN: Actor = { platform: 'slack', userId: 'U0ADMIN' };
/** Contact of P1 (see givenPartner). */
export const P1_CONTACT: Actor = { platform: 'slack', userId: 'U0PARTNER1' };
export const STRANGER: Actor = { platform: 'slack', userId: 'U0STRANGER' };

export interface CaseWorld extends ServiceWorld {
  cases: CaseDeps;
}

/** A fresh world with partner P1, its contact, and staff in every role; jobs wait for sweep. */
export async function caseWorld(database: Database, at?: string): Promise<CaseWorld> {
  const w = await serviceWorld(database, at);
  await givenPartner(w);
  for (const [actor, role] of [[OFFICER, 'officer'], [APPROVER, 'approver'], [APPROVER2, 'approver'], [OFFICER, 'approver'], [FINANCE, 'finance'], [ADMIN, 'admin']] as const) {
    await grantRole({ db: w.db, clock: w.clock }, { userId: actor.userId, role, by: 'test' });
  }
  return { ...w, cases: { db: w.db, policies: w.policies, clock: w.clock, calendar: new CalendarCache(), jobs: noJobScheduler } };
}

let n = 0;
/** A fresh idempotency key, as a chat platform's view or action id would be. */
export function key(prefix = 'k'): string {
  n += 1;
  return `${prefix}-${n}-${Math.random().toString(36).slice(2, 8)}`;
}
