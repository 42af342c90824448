import { createHash } from 'node:crypto';
import { z } from 'zod';
import { catalogByCategory } from '../../domain/catalog/catalog.ts';
import { reportsAs } from '../../domain/access/reporting-as.ts';
import { requireRole } from '../../domain/access/roles.ts';
import { policyInForce } from '../../domain/policy/choose-policy.ts';
import { formatClass, itemWording } from '../../messages/format.ts';
import { loadAccess } from '../../service/access/actor.ts';
import { partnerChoices } from '../../service/cases/partner-choices.ts';
import { shanghaiDateOf } from '../../domain/dates.ts';
import { today } from '../../service/clock.ts';
import { linkLines } from '../../service/input/chat-input.ts';
import type { EvidenceInput } from '../../service/cases/evidence.ts';
import { partnerPickerVars } from '../h5/picker-link.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from './context.ts';

/**
 * The report form as an interactive card (DingTalk has no modals, issue 12):
 * its variables (labels, the partner and catalog options, today) and how
 * its submission reads back. The card template (DINGTALK_REPORT_CARD_TEMPLATE_ID)
 * is made in DingTalk's card builder with these variable names; the README
 * text is in /work/wt/notes-dtin.md.
 */

/** The card's form fields, named as the use case names them in `details.field`. */
export const REPORT_FIELDS = ['partner', 'item', 'occurred_on', 'facts', 'evidence'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** The action id of the card's submit button (its `actionIds[0]`). */
export const REPORT_SUBMIT = 'reportSubmit';

/** Partners a card's SELECT holds; past that, the card links to the H5 partner picker (src/dingtalk/h5) when it is set up. */
export const CARD_PARTNER_LIMIT = 200;

/** The card variables: DingTalk takes strings only, so option lists are JSON. */
export async function reportCardParams(deps: DingTalkHandlerDeps, userId: string, f: Fmt, outTrackId?: string): Promise<Record<string, string>> {
  const access = await loadAccess(deps.cases.db, actorOf(userId));
  // R-EVIDENCE: a partner's contact may report another partner; anyone else needs the officer role.
  if (reportsAs(access) === null) requireRole(access.roles, 'case.report', `dingtalk:${userId}`);
  const on = today(deps.cases.clock);
  // One past the limit tells whether the list overflows the card.
  const choices = await partnerChoices(deps.cases.db, access, '', CARD_PARTNER_LIMIT + 1);
  const partners = choices.slice(0, CARD_PARTNER_LIMIT);
  const items = catalogByCategory(policyInForce(deps.cases.policies, on).catalog).flatMap((g) => g.items);
  const { t } = f;
  return {
    title: t('dingtalk.report.cardTitle'),
    partnerLabel: t('dingtalk.report.partner'),
    itemLabel: t('dingtalk.report.item'),
    occurredOnLabel: t('dingtalk.report.occurredOn'),
    factsLabel: t('dingtalk.report.facts'),
    linksLabel: t('dingtalk.report.links'),
    linksHint: reportsAs(access) === 'partner' ? t('dingtalk.report.linksHint') : '',
    submitLabel: t('dingtalk.report.submit'),
    partnerOptions: JSON.stringify(partners.map((p) => ({ value: p.id, text: `${p.name} (${p.id})` }))),
    itemOptions: JSON.stringify(items.map((i) => ({ value: i.id, text: `${i.id} · ${formatClass(i.class, t)} · ${itemWording(i, f.locale)}` }))),
    today: on,
    /** The submit button sends it back (params.locale), so the answer is in the card's language. */
    locale: f.locale,
    ...partnerPickerVars(deps.partnerPicker, choices.length > CARD_PARTNER_LIMIT, { userId, outTrackId }, f.locale, t),
    status: 'form',
    message: '',
    ...Object.fromEntries(REPORT_FIELDS.map((k) => [errorVar(k), ''])),
  };
}

/** The card variable that shows a field's error under it. */
export function errorVar(field: ReportField): string {
  return `${field.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}Error`;
}

/** A SELECT answers its option (or only its value); a DATE a day or a timestamp; TEXT_ARRAY a list. */
const selected = z.union([z.string(), z.object({ value: z.string() }).transform((o) => o.value), z.object({ id: z.string() }).transform((o) => o.id)]);
const day = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}/).transform((s) => s.slice(0, 10)),
  // A timestamp (ms) is a moment: the day is Shanghai's, as every date here.
  z.union([z.number(), z.string().regex(/^\d{10,}$/)]).transform((n) => shanghaiDateOf(new Date(Number(n)))),
]);

export const reportCardSchema = z.object({
  partner: selected.optional().catch(undefined),
  item: selected.optional().catch(undefined),
  occurred_on: day.optional().catch(undefined),
  facts: z.string().optional().catch(undefined),
  locale: z.string().optional().catch(undefined),
  links: z.union([z.array(z.string()), z.string().transform((s) => linkLines(s))]).optional().catch(undefined),
});

export interface ReportForm {
  partnerId: string;
  itemId: string;
  occurredOn: string;
  facts: string;
  evidence: EvidenceInput[];
}

/**
 * The submitted card as the use case takes it; an unreadable or empty value
 * is passed on empty, so the use case refuses it in its words (the same
 * checks as Slack's report modal: one place for what makes a valid report).
 */
export function reportFormOf(params: Record<string, unknown>): ReportForm {
  const p = reportCardSchema.parse(params);
  return {
    partnerId: p.partner?.trim() ?? '',
    itemId: p.item?.trim() ?? '',
    occurredOn: p.occurred_on ?? '',
    facts: p.facts ?? '',
    evidence: (p.links ?? []).flatMap((l) => linkLines(l)).map((ref) => ({ kind: 'link' as const, ref })),
  };
}

/**
 * The idempotency key of one submission: the card and what it carried. The
 * same card sent again unchanged (a double press, a re-push) files once; a
 * corrected form after an error is a new submission.
 */
export function reportKey(outTrackId: string, form: ReportForm): string {
  const hash = createHash('sha256').update(JSON.stringify(form)).digest('hex').slice(0, 24);
  return `dingtalk:report:${outTrackId}:${hash}`;
}
