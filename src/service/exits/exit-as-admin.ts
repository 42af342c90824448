import { eq } from 'drizzle-orm';
import { partnerExits, partners } from '../../db/schema/index.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { isLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { exitDue, type ExitApplication, type ExitDue } from '../../domain/exits/exit-due.ts';
import { loadAccess, type Actor } from '../access/actor.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import { today } from '../clock.ts';
import { applyForExit, exitFacts } from './exit-partner.ts';

/**
 * §6 from a chat surface: the same steps as `cli exit check` and `cli exit
 * apply`, for one partner, by an admin (the CLI runs with every role; chat
 * people need theirs: `partner.exit`).
 */

export interface ExitCheck {
  partnerId: string;
  partnerName: string;
  on: LocalDate;
  /** Already exited: when and by which rule (nothing is due any more). */
  exited: { endsOn: LocalDate; rule: string } | null;
  /** R-EXIT-*: the exit in force today, which `exit check` (the daily job) applies. */
  due: ExitDue | null;
  /** R-EXIT-VOLUNTARY: the application on record, if any. */
  application: ExitApplication | null;
}

async function admin(deps: CaseDeps, actor: Actor) {
  const access = await loadAccess(deps.db, actor);
  requireRole(access.roles, 'partner.exit', `<@${actor.userId}>`);
  return access;
}

async function partnerName(deps: CaseDeps, partnerId: string): Promise<string> {
  const [p] = await deps.db.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId));
  if (!p) throw new DomainError('partner.not_found', `No partner "${partnerId}".`, { field: 'partner' });
  return p.name;
}

/** What `exit check` would do for this partner today, without doing it (reading is harmless; the daily job applies). */
export async function exitCheckAsAdmin(deps: CaseDeps, input: { actor: Actor; partnerId: string }): Promise<ExitCheck> {
  await admin(deps, input.actor);
  const name = await partnerName(deps, input.partnerId);
  const on = today(deps.clock);
  const facts = await exitFacts(deps.db, input.partnerId);
  const [done] = await deps.db.select({ endsOn: partnerExits.endsOn, rule: partnerExits.rule }).from(partnerExits).where(eq(partnerExits.partnerId, input.partnerId));
  return {
    partnerId: input.partnerId, partnerName: name, on,
    exited: done ?? null,
    due: facts ? exitDue(facts, on) : null,
    application: facts?.application ?? null,
  };
}

export interface ExitApplicationForm {
  actor: Actor;
  partnerId: string;
  /** As the modal's date pickers send them; anything but a real date is an error about that field. */
  appliedOn: string;
  requestedEndOn: string;
  agreementOn: string;
  placementDone: boolean;
}

/** The one checklist item recorded, as the CLI records it: the customer placement §6.3.1 asks for (R-EXIT-VOLUNTARY). */
const PLACEMENT = 'customer placement';

/**
 * R-EXIT-VOLUNTARY: an admin records the partner's written application;
 * refused (nothing stored) under a month's notice by R-PERIOD, with the
 * placement not done, or for a partner already exited. Audited `exit.applied`.
 */
export async function applyForExitAsAdmin(deps: CaseDeps, form: ExitApplicationForm): Promise<{ recorded: boolean; partnerName: string; appliedOn: LocalDate; agreementOn: LocalDate }> {
  const access = await admin(deps, form.actor);
  const name = await partnerName(deps, form.partnerId);
  const appliedOn = dateField(form.appliedOn, 'applied');
  const requestedEndOn = dateField(form.requestedEndOn, 'end');
  const agreementOn = dateField(form.agreementOn, 'agreement');
  const r = await applyForExit(
    { db: deps.db, clock: deps.clock, jobs: deps.jobs, actor: access.key },
    { partnerId: form.partnerId, appliedOn, requestedEndOn, agreementOn, checklist: [{ item: PLACEMENT, done: form.placementDone }] },
  );
  return { recorded: r.recorded, partnerName: name, appliedOn, agreementOn };
}

function dateField(v: string, field: string): LocalDate {
  if (!isLocalDate(v)) throw new DomainError('input.bad_date', `“${v.slice(0, 40)}” is not a date.`, { field });
  return v;
}
