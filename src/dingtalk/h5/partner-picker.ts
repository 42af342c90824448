import { reportsAs } from '../../domain/access/reporting-as.ts';
import { mayPickPartner } from '../../domain/access/case-visibility.ts';
import type { Db } from '../../db/database.ts';
import { findPartner } from '../../db/repositories/partners.repository.ts';
import type { Logger } from '../../logger.ts';
import { translator, type Locale } from '../../messages/i18n.ts';
import { loadAccess, type Access } from '../../service/access/actor.ts';
import { partnerChoices } from '../../service/cases/partner-choices.ts';
import type { DingTalkRobotApi } from '../robot-api.ts';
import { AuthCodeRefused, type AuthCodeExchange } from './auth-code.ts';
import { signToken, verifyToken, type TokenClaims } from './signed-token.ts';

/**
 * The H5 partner picker of the DingTalk report card (issue 12): where a
 * card's SELECT cannot hold every partner, the card links to a page that
 * searches them on the server, page by page, and sends the choice back to
 * the card. Transport-free: h5-routes.ts speaks HTTP.
 *
 * Who: the person the card was sent to (the link is signed for them),
 * signed in with DingTalk's silent login (auth-code.ts), and only while
 * they may report (R-EVIDENCE: the officer role, or a partner's contact —
 * who never sees or picks their own partner). Checked on every request, so
 * a role revoked mid-session stops the page.
 */
export interface PartnerPickerDeps {
  db: Db;
  logger: Logger;
  /** Changes the reporter's card (PUT /v1.0/card/instances). */
  robot: Pick<DingTalkRobotApi, 'updateCard'>;
  codes: Pick<AuthCodeExchange, 'userIdOf'>;
  /** The app secret: the key of the link and session tokens, never sent to a page. */
  secret: string;
  now: () => number;
}

export const PICKER_PAGE_SIZE = 20;
/** How far a search pages (20 × 50 = 1,000 partners; a narrower search finds the rest). */
export const PICKER_MAX_PAGE = 50;
/** A report card may be filled days after it came. */
export const CARD_LINK_LIFETIME_MS = 7 * 24 * 3_600_000;
export const SESSION_LIFETIME_MS = 30 * 60_000;

export type PickerRefusal = 'signInFailed' | 'notYourCard' | 'expired' | 'notReporter' | 'notChoosable';

export class PickerRefused extends Error {
  override readonly name = 'PickerRefused';
  readonly reason: PickerRefusal;
  constructor(reason: PickerRefusal) {
    super(reason);
    this.reason = reason;
  }
}

/** The `card` parameter of the page's link: this card, for this person. */
export function cardLinkToken(secret: string, userId: string, outTrackId: string, now: number): string {
  return signToken(secret, 'card-link', { userId, outTrackId, exp: now + CARD_LINK_LIFETIME_MS });
}

/** Signs the page's user in: the auth code names them, the card link must name them too. */
export async function signIn(deps: PartnerPickerDeps, input: { code: string; card: string }): Promise<{ session: string }> {
  const link = verifyToken(deps.secret, 'card-link', input.card, deps.now());
  if (!link) throw new PickerRefused('expired');
  let userId: string;
  try {
    userId = await deps.codes.userIdOf(input.code);
  } catch (e) {
    if (e instanceof AuthCodeRefused) {
      deps.logger.warn('H5 sign-in refused', { reason: e.message });
      throw new PickerRefused('signInFailed');
    }
    throw e;
  }
  if (userId !== link.userId) {
    deps.logger.warn('H5 card link opened by another person', { userId, outTrackId: link.outTrackId });
    throw new PickerRefused('notYourCard');
  }
  await reporterAccess(deps, userId);
  return { session: signToken(deps.secret, 'session', { userId, outTrackId: link.outTrackId, exp: deps.now() + SESSION_LIFETIME_MS }) };
}

export interface PartnerPage {
  partners: { id: string; name: string }[];
  page: number;
  more: boolean;
}

/** One page of the partners whose name or id contains `typed`, that this person may pick. */
export async function searchPage(deps: PartnerPickerDeps, session: string, typed: string, page: number): Promise<PartnerPage> {
  const s = sessionOf(deps, session);
  const access = await reporterAccess(deps, s.userId);
  const p = Math.min(Math.max(1, Math.trunc(page) || 1), PICKER_MAX_PAGE);
  // One past the page tells whether there is a next one.
  const rows = await partnerChoices(deps.db, access, typed.slice(0, 100), p * PICKER_PAGE_SIZE + 1);
  const shown = rows.slice((p - 1) * PICKER_PAGE_SIZE, p * PICKER_PAGE_SIZE);
  return { partners: shown.map((r) => ({ id: r.id, name: r.name })), page: p, more: rows.length > p * PICKER_PAGE_SIZE && p < PICKER_MAX_PAGE };
}

/**
 * The choice, sent to the card: its SELECT then holds the chosen partner,
 * selected, and a line says so; the report is filed from the card as ever
 * (the use case checks the partner again).
 */
export async function choosePartner(deps: PartnerPickerDeps, session: string, partnerId: string, locale: Locale): Promise<{ id: string; name: string }> {
  const s = sessionOf(deps, session);
  const access = await reporterAccess(deps, s.userId);
  if (!mayPickPartner(access, partnerId)) throw new PickerRefused('notChoosable');
  const found = await findPartner(deps.db, partnerId);
  if (!found) throw new PickerRefused('notChoosable');
  const text = `${found.name} (${found.id})`;
  await deps.robot.updateCard({
    outTrackId: s.outTrackId,
    cardParamMap: {
      partnerOptions: JSON.stringify([{ value: found.id, text }]),
      partner: found.id,
      partnerPickerHint: translator(locale)('dingtalkH5.cardChosen', { partner: text }),
    },
  });
  deps.logger.info('H5 partner chosen', { userId: s.userId, outTrackId: s.outTrackId, partnerId: found.id });
  return { id: found.id, name: found.name };
}

function sessionOf(deps: PartnerPickerDeps, session: string): TokenClaims {
  const s = verifyToken(deps.secret, 'session', session, deps.now());
  if (!s) throw new PickerRefused('expired');
  return s;
}

/** R-EVIDENCE: only someone who may report lists partners at all. */
async function reporterAccess(deps: PartnerPickerDeps, userId: string): Promise<Access> {
  const access = await loadAccess(deps.db, { platform: 'dingtalk', userId });
  if (reportsAs(access) === null) throw new PickerRefused('notReporter');
  return access;
}
