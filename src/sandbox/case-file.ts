import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { auditEvents } from '../db/schema/index.ts';
import { formatShanghai } from '../domain/dates.ts';
import { isDomainError } from '../domain/errors.ts';
import type { DecisionView } from '../domain/notifications/notification.ts';
import type { PolicyVersion } from '../domain/policy/policy-version.ts';
import { isStaff, loadAccess, type Access, type Actor } from '../service/access/actor.ts';
import { caseDetail, listCases, type CaseDetail } from '../service/cases/case-queries.ts';
import type { Clock } from '../service/clock.ts';
import { translator, type Translate } from '../messages/i18n.ts';
import { formatCny } from '../messages/amount.ts';
import { catalogItemOn, formatClass, itemOptionText } from '../slack/render/catalog-text.ts';
import { liftedText } from '../messages/notifications/decision-parts.ts';
import { formatDate, formatDateTime, formatRestrictionKind } from '../slack/render/format.ts';
import { PEOPLE, personById } from './people.ts';
import type { CaseFileView, CaseListItem } from './protocol.ts';

/**
 * The staff side panel: every case, and one case's audit trail beside the
 * decision's explanation with its rule ids, as staff see them. Read through
 * the service's `caseDetail` with a staff member's access, so R-CONFIDENTIAL
 * decides what is shown, and worded with the Slack adapter's own messages
 * (the sandbox is an adapter beside Slack). Everything here is plain text:
 * the page puts it in as text, never as HTML.
 */

export type CaseFileLocale = 'en' | 'zh-CN';

export interface CaseFileDeps {
  db: Db;
  policies: readonly PolicyVersion[];
  clock?: Clock;
}

/** Whom the panel reads as: the sandbox's first officer (people.ts), with the roles the database grants them. */
export const PANEL_VIEWER: Actor = { platform: 'slack', userId: PEOPLE.find((p) => p.roles.includes('officer'))!.id };

/** The deadlines a reader cares about (as `/violation show`); reminders are the bot's own business. */
const SHOWN_DEADLINES = new Set(['reply_lapse', 'objection_close', 'payment_late', 'restriction_lift']);
const LIST_LIMIT = 200;

/** Every case, newest first, as staff see the list; nothing for a viewer who is not staff. */
export async function listCaseFiles(deps: CaseFileDeps, locale: CaseFileLocale = 'en', viewer: Actor = PANEL_VIEWER): Promise<CaseListItem[]> {
  const access = await staffAccess(deps.db, viewer);
  if (!access) return [];
  const t = translator(locale);
  const { rows } = await listCases(deps.db, access, { kind: 'all' }, { limit: LIST_LIMIT, offset: 0 });
  return rows.map((c) => ({ id: c.id, partner: `${c.partnerName} (${c.partnerId})`, item: c.itemId, state: t(`state.${c.state}`) }));
}

/**
 * One case's file; null when there is no such case, or the viewer is not
 * staff (the audit trail and the explanation are staff's, R-CONFIDENTIAL).
 */
export async function caseFile(deps: CaseFileDeps, caseId: string, locale: CaseFileLocale, viewer: Actor = PANEL_VIEWER): Promise<CaseFileView | null> {
  const access = await staffAccess(deps.db, viewer);
  if (!access) return null;
  let d: CaseDetail;
  try {
    d = await caseDetail(deps.db, access, caseId);
  } catch (e) {
    if (isDomainError(e) && e.code === 'case.not_found') return null;
    throw e;
  }
  const t = translator(locale);
  return {
    id: d.case.id,
    summary: summaryOf(d, deps.policies, locale, t),
    explanation: explanationOf(d, locale, t),
    audit: await auditTrailOf(deps.db, d.case.id, t),
  };
}

async function staffAccess(db: Db, viewer: Actor): Promise<Access | null> {
  const access = await loadAccess(db, viewer);
  return isStaff(access) ? access : null;
}

function summaryOf(d: CaseDetail, policies: readonly PolicyVersion[], locale: CaseFileLocale, t: Translate): CaseFileView['summary'] {
  const c = d.case;
  const at = (x: Date | null) => formatDateTime(x, locale);
  const item = catalogItemOn(policies, c.itemId, c.occurredOn);
  const out: CaseFileView['summary'] = [
    { label: t('common.partner'), value: `${d.partnerName} (${c.partnerId})` },
    { label: t('common.item'), value: item ? itemOptionText(item, locale) : c.itemId },
    { label: t('common.occurredOn'), value: c.occurredOn },
    { label: t('common.state'), value: t(`state.${c.state}`) },
  ];
  if (c.reportedBy !== null) out.push({ label: t('show.reportedBy'), value: `${actorName(c.reportedBy, t)} · ${at(c.createdAt)}` });
  if (c.facts !== null) out.push({ label: t('common.facts'), value: c.facts });
  if (c.screening) out.push({ label: t('show.screening'), value: t(`show.screened.${c.screening.outcome}`, { reason: c.screening.reason ?? '' }) });
  if (c.suspended !== null) out.push({ label: t('show.suspended'), value: c.suspended ? `${t('common.yes')} · ${at(c.suspendedAt)}` : t('common.no') });
  for (const e of d.evidence) {
    const what = e.kind === 'link' ? e.ref : t('common.file', { id: e.ref });
    out.push({ label: t('common.evidence'), value: `${what} · ${t(`show.purpose.${e.purpose}`)}${e.addedBy ? ` · ${actorName(e.addedBy, t)}` : ''}` });
  }
  for (const r of d.replies) {
    out.push({ label: t('show.replies'), value: `${t(`show.reply.${r.kind}`)} · ${actorName(r.by, t)} · ${at(r.at)}${r.text ? `\n${r.text}` : ''}` });
  }
  for (const det of d.determinations) {
    const status = det.status === 'proposed' ? t('show.status.proposed') : `${t(`show.status.${det.status}`)} · ${actorName(det.decidedBy, t)} · ${at(det.decidedAt)}`;
    out.push({
      label: t('show.determination', { id: det.id, purpose: t(`show.purposeOf.${det.purpose}`), by: actorName(det.proposedBy, t), at: at(det.proposedAt) }),
      value: `${status}\n${t('show.established', { value: det.established ? t('common.yes') : t('common.no') })}\n${det.reasons}`,
    });
  }
  for (const o of d.objections) out.push({ label: t('show.objection', { by: actorName(o.by, t), at: at(o.at) }), value: o.grounds });
  for (const x of d.openDeadlines.filter((x) => SHOWN_DEADLINES.has(x.kind))) out.push({ label: t(`deadline.${x.kind}`), value: at(x.dueAt) });
  return out;
}

/**
 * R-CASCADE: the decision as the engine explained it, step by step with its
 * rule ids: the sanction as noticed, and a proposal still waiting for
 * approval (R-DETERMINE: what is approved is what is issued, so the approver
 * reads exactly this). Empty before a determination.
 */
function explanationOf(d: CaseDetail, locale: CaseFileLocale, t: Translate): string[] {
  const at = (x: Date | null) => formatDateTime(x, locale);
  const out: string[] = [];
  if (d.case.decision) out.push(t('show.decision'), ...decisionLines(d.case.decision, locale, t));
  const pending = d.determinations.filter((x) => x.status === 'proposed' && x.decision).at(-1);
  if (pending) {
    const head = t('show.determination', { id: pending.id, purpose: t(`show.purposeOf.${pending.purpose}`), by: actorName(pending.proposedBy, t), at: at(pending.proposedAt) });
    if (out.length > 0) out.push('');
    out.push(`${head} · ${t('show.status.proposed')}`, ...decisionLines(pending.decision as DecisionView, locale, t));
  }
  return out;
}

/** The lines of the Slack decision blocks (src/messages/notifications/decision-parts.ts), in the same words, as plain text. */
function decisionLines(d: DecisionView, locale: CaseFileLocale, t: Translate): string[] {
  const cny = (amount: string) => formatCny(amount, locale);
  // A label and its value, as Slack's fields show them side by side.
  const kv = (label: string, value: string) => `${label}${locale === 'zh-CN' ? '：' : ': '}${value}`;
  const cls =
    d.baseClass === d.finalClass ? formatClass(d.finalClass, t) : t('notification.decision.cascaded', { from: formatClass(d.baseClass, t), to: formatClass(d.finalClass, t) });
  const lines = [
    kv(t('notification.decision.class'), cls),
    kv(t('notification.decision.penalty'), cny(d.amount)),
    kv(t('notification.decision.termination'), d.terminated ? t('notification.decision.terminated') : t('notification.decision.notTerminated')),
    kv(t('notification.decision.policy'), d.policyVersion),
    t('notification.decision.explanation'),
  ];
  for (const s of d.steps) {
    const parts = [
      s.rule,
      t('notification.decision.stepClass', { from: formatClass(s.from_class, t), to: formatClass(s.to_class, t) }),
      t('notification.decision.stepCounted', { n: s.counted.length, cases: s.counted.join(', ') || '–' }),
      s.amount === null ? t('notification.decision.stepNoAmount') : t('notification.decision.stepAmount', { amount: cny(s.amount) }),
    ];
    lines.push(`• ${kv(parts.join(' · '), s.reason)}`);
  }
  if (d.consumes.length > 0) lines.push(`• ${t('notification.decision.consumes', { cases: d.consumes.join(', ') })}`);
  lines.push(t('notification.decision.restrictions'));
  if (d.restrictions.length === 0) lines.push(`• ${t('notification.common.none')}`);
  for (const r of d.restrictions) {
    const line = t('notification.decision.restrictionLine', { kind: formatRestrictionKind(r.kind, t), from: formatDate(r.from, locale), until: liftedText(r.until, locale, t), rule: r.rule });
    lines.push(`• ${line}`);
  }
  const x = d.deduction;
  lines.push(
    t('notification.decision.deduction'),
    `• ${kv(t('notification.decision.deposit'), cny(x.deposit))}`,
    `• ${kv(t('notification.decision.prepayment'), cny(x.prepayment))}`,
    `• ${kv(t('notification.decision.serviceFee'), cny(x.service_fee))}`,
    `• ${kv(t('notification.decision.owed'), cny(x.owed))}`,
  );
  lines.push(...[...d.notes, d.policyNote].filter((n) => n.trim() !== ''));
  if (d.readings && d.readings.length > 0) lines.push(`${t('notification.decision.readings')} ${d.readings.join(' · ')}`);
  return lines;
}

/** Every audit event of the case, in the order the chain recorded them (R-CONFIDENTIAL: staff see everything). */
async function auditTrailOf(db: Db, caseId: string, t: Translate): Promise<CaseFileView['audit']> {
  const rows = await db
    .select({ at: auditEvents.occurredAt, actor: auditEvents.actor, action: auditEvents.action, payload: auditEvents.payload })
    .from(auditEvents)
    .where(eq(auditEvents.subject, caseId))
    .orderBy(asc(auditEvents.id));
  return rows.map((r) => ({ at: formatShanghai(r.at), actor: actorName(r.actor, t), action: r.action, detail: detailOf(r.payload) }));
}

/** The event's payload as `key: value` pairs; what it recorded, unworded. */
function detailOf(payload: unknown): string {
  if (payload === null || typeof payload !== 'object') return payload === undefined ? '' : String(payload);
  return Object.entries(payload as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('; ');
}

/** A person of the sandbox by name; the system in words; any other key as it is. */
function actorName(key: string | null, t: Translate): string {
  if (key === null) return t('notification.common.nobody');
  if (key === 'system' || key.startsWith('system:')) return t('notification.common.system');
  const person = /^slack:(.+)$/.exec(key)?.[1];
  return (person && personById(person)?.name) ?? key;
}
