import { and, eq } from 'drizzle-orm';
import { lockPartner, partnerProfile } from '../../db/repositories/partners.repository.ts';
import { findProgram, inProgramOn } from '../../db/repositories/registry.repository.ts';
import { restrictionsOf } from '../../db/repositories/restrictions.repository.ts';
import { sanctionsOfPartner } from '../../db/repositories/sanctions.repository.ts';
import { partnerCategoryKinds, partnerRequests, type PartnerCategoryKind } from '../../db/schema/index.ts';
import { parseLocalDate, type LocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { decideRequest, requestKinds, type Block, type RequestDecision, type RequestKind } from '../../domain/requests/partner-request.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { isStaff, loadAccess, type Actor } from '../access/actor.ts';
import { appendAudit } from '../audit/audit-trail.ts';
import { latePenalties, penaltiesOwed } from '../rules/penalties-owed.ts';
import type { RulesDeps } from '../rules/rules-deps.ts';

export interface PartnerRequestInput {
  kind: string;
  partnerId: string;
  on: string;
  category?: string;
  program?: string;
  actor: Actor;
}

export interface PartnerRequestResult {
  kind: RequestKind;
  partnerId: string;
  on: LocalDate;
  /** The category (upgrade, onboarding) or the program (program); '' when none. */
  subject: string;
  granted: boolean;
  blockedBy: Block[];
  /** The recorded grant (a repeat of the same key returns the same one); null when refused. */
  requestId: number | null;
}

/**
 * R-RESTRICT, R-LATE: upgrade, onboarding (incl. a new partner admin account)
 * or joining a program, granted unless a restriction in force on the day
 * blocks it. A grant is recorded once per key (partner, kind, subject, day)
 * and audited; asking again returns the same record. A refusal is audited and
 * nothing else is written. Bad input is a coded error and writes nothing.
 */
export async function requestForPartner(deps: RulesDeps, input: PartnerRequestInput): Promise<PartnerRequestResult> {
  const { kind, on, subject, partnerId, category } = await validRequest(deps, input);
  const [existing] = await deps.db
    .select({ id: partnerRequests.id })
    .from(partnerRequests)
    .where(and(eq(partnerRequests.partnerId, partnerId), eq(partnerRequests.kind, kind), eq(partnerRequests.subject, subject), eq(partnerRequests.requestedOn, on)));
  // A grant once recorded is the answer to its key, whatever was imported since.
  if (existing) return { kind, partnerId, on, subject, granted: true, blockedBy: [], requestId: existing.id };

  const actor = `${input.actor.platform}:${input.actor.userId}`;
  return deps.db.transaction(async (tx) => {
    // R-DETERMINE: like a case step on the partner, the request is decided
    // holding the partner's lock, so a sanction being issued for it is wholly
    // before (its restrictions count) or wholly after (the grant was on record first).
    await lockPartner(tx, partnerId);
    const decision = await decide({ ...deps, db: tx }, partnerId, kind, on);
    const payload = { kind, on, ...(category !== undefined ? { category } : {}), ...(kind === 'program' ? { program: subject } : {}), blocked_by: blocksToJson(decision.blockedBy) };
    const at = deps.clock.now();
    if (!decision.granted) {
      await appendAudit(tx, { actor, action: 'request.refused', subject: partnerId, payload, at });
      return { kind, partnerId, on, subject, granted: false, blockedBy: decision.blockedBy, requestId: null };
    }
    const [inserted] = await tx
      .insert(partnerRequests)
      .values({ partnerId, kind, subject, requestedOn: on, actor, grantedAt: at })
      .onConflictDoNothing()
      .returning({ id: partnerRequests.id });
    if (inserted) await appendAudit(tx, { actor, action: 'request.granted', subject: partnerId, payload: { ...payload, request_id: inserted.id }, at });
    // A twin that committed first holds the key: its record is the answer.
    const id =
      inserted?.id ??
      (await tx
        .select({ id: partnerRequests.id })
        .from(partnerRequests)
        .where(and(eq(partnerRequests.partnerId, partnerId), eq(partnerRequests.kind, kind), eq(partnerRequests.subject, subject), eq(partnerRequests.requestedOn, on))))[0]!.id;
    return { kind, partnerId, on, subject, granted: true, blockedBy: [], requestId: id };
  });
}

/**
 * From chat, asking for a partner is an admin's act (issue 11: the `/partner`
 * admin commands); the CLI operator and the use case above serve staff and
 * the partner's own contacts.
 */
export async function requestAsAdmin(deps: RulesDeps, input: PartnerRequestInput): Promise<PartnerRequestResult> {
  const access = await loadAccess(deps.db, input.actor);
  requireRole(access.roles, 'partner.request', `<@${input.actor.userId}>`);
  return requestForPartner(deps, input);
}

/** The wire form of a refusal's blocks: `until` exclusive, as `preview` prints it. */
export function blocksToJson(blocks: readonly Block[]) {
  return blocks.map((b) => ({ kind: b.kind, case_id: b.caseId, rule: b.rule, until: b.until }));
}

async function decide(deps: RulesDeps, partnerId: string, kind: RequestKind, on: LocalDate): Promise<RequestDecision> {
  const params = policyInForce(deps.policies, on).params;
  const [profile, stored, owed, sanctions] = await Promise.all([
    partnerProfile(deps.db, partnerId),
    restrictionsOf(deps.db, partnerId),
    penaltiesOwed(deps, partnerId, on, params),
    sanctionsOfPartner(deps.db, partnerId),
  ]);
  // R-P1: termination takes effect on the day its notice is sent; before that day the partner was active.
  const termination = sanctions.filter((s) => s.terminated).at(-1);
  const status = profile!.status === 'terminated' && termination && termination.noticeDate > on ? 'active' : profile!.status;
  return decideRequest({ kind, on, partner: { status, terminatedBy: termination?.caseId ?? null }, restrictions: stored, late: latePenalties(owed, on) });
}

interface ValidRequest {
  kind: RequestKind;
  partnerId: string;
  on: LocalDate;
  subject: string;
  category?: PartnerCategoryKind;
}

/** Every check on the input, before anything is read for the decision or written. */
async function validRequest(deps: RulesDeps, input: PartnerRequestInput): Promise<ValidRequest> {
  if (!(requestKinds as readonly string[]).includes(input.kind)) {
    throw new DomainError('request.unknown_kind', `A request is one of ${requestKinds.join(', ')}, not "${input.kind}".`, { kind: input.kind });
  }
  const kind = input.kind as RequestKind;
  const on = parseLocalDate(input.on, '--on');
  const [access, partner] = await Promise.all([loadAccess(deps.db, input.actor), partnerProfile(deps.db, input.partnerId)]);
  // As for standing: staff and the partner's own contacts may ask; to anyone else the partner does not exist.
  if (!partner || !(isStaff(access) || access.partnerIds.includes(input.partnerId))) {
    throw new DomainError('partner.not_found', `No partner with id "${input.partnerId}".`, { partnerId: input.partnerId });
  }
  const category = input.category === undefined || input.category === '' ? undefined : validCategory(input.category);
  const held = new Set(partner.categories.map((c) => c.category));
  if (kind === 'upgrade') {
    if (!category) throw new DomainError('request.category_required', 'An upgrade names the category to upgrade in (--category).', { field: 'category' });
    if (!held.has(category)) throw new DomainError('request.category_not_held', `${partner.id} is not in category ${category}, so it cannot be upgraded there (R-CAT).`, { partnerId: partner.id, category });
    return { kind, partnerId: partner.id, on, subject: category, category };
  }
  if (kind === 'onboarding') {
    if (input.program) throw new DomainError('request.program_not_expected', 'An onboarding request names a category at most, not a program.', { field: 'program' });
    return { kind, partnerId: partner.id, on, subject: category ?? '', ...(category ? { category } : {}) };
  }
  if (!input.program) throw new DomainError('request.program_required', 'Joining a program names the program (--program).', { field: 'program' });
  const program = await findProgram(deps.db, input.program);
  if (!program) throw new DomainError('request.unknown_program', `No program named "${input.program}" (import programs first).`, { program: input.program });
  if (category && category !== program.category) {
    throw new DomainError('request.program_category', `Program "${program.name}" sits on ${program.category}, not ${category} (R-CAT).`, { program: program.name, category: program.category, given: category });
  }
  if (!held.has(program.category)) {
    throw new DomainError('request.category_not_held', `${partner.id} is not in category ${program.category}, which program "${program.name}" sits on (R-CAT, §2.2).`, { partnerId: partner.id, category: program.category, program: program.name });
  }
  if (await inProgramOn(deps.db, partner.id, program.name, on)) {
    throw new DomainError('request.already_in_program', `${partner.id} has already joined program "${program.name}" by ${on}.`, { partnerId: partner.id, program: program.name, on });
  }
  return { kind, partnerId: partner.id, on, subject: program.name, category: program.category };
}

function validCategory(c: string): PartnerCategoryKind {
  if (!(partnerCategoryKinds as readonly string[]).includes(c)) {
    throw new DomainError('request.unknown_category', `Category "${c}" must be one of ${partnerCategoryKinds.join(', ')}.`, { category: c });
  }
  return c as PartnerCategoryKind;
}
