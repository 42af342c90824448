import { requireRole } from '../../../domain/access/roles.ts';
import { assertCanDo } from '../../../domain/cases/case-state.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { formatActor, formatDateTime, partnerLabel } from '../../../messages/format.ts';
import { cat, join, tr, user, type Inline } from '../../../messages/inline.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { caseDetail, staffState } from '../../../service/cases/case-queries.ts';
import { today } from '../../../service/clock.ts';
import { decisionView } from '../../../service/rules/decision-json.ts';
import { previewSanction } from '../../../service/rules/preview-sanction.ts';
import { decisionLines } from '../../render/decision-markdown.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { caseRef, itemLabelOn } from '../../render/words.ts';
import { actorOf, rulesOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { selectedSchema, textOf, ticked } from './card-form.ts';

/**
 * The determination form (R-DETERMINE) as card variables: what Slack's
 * determination modal shows (src/slack/render/modals/determine-modal.ts),
 * from the same texts: the case, the facts, the partner's replies, the fast
 * track, the engine's preview, "established?", termination when the engine
 * judges class 1 (R-P1), the reasons. The README names the variables.
 */

/** The form's submit button (its actionId). */
export const DETERMINE_SUBMIT = 'determineSubmit';
/** The use case's `details.field` names this form shows errors under (`<field>Error`). */
export const DETERMINE_FIELDS = ['reasons', 'terminate'] as const;

/** Refused as Slack's opener refuses: without the role, or when the case is not at this step (the same domain checks). */
export async function determineFormVars(deps: DingTalkHandlerDeps, userId: string, f: Fmt, caseId: string): Promise<Record<string, string>> {
  const access = await loadAccess(deps.cases.db, actorOf(userId));
  requireRole(access.roles, 'determination.propose', `dingtalk:${userId}`);
  const d = await caseDetail(deps.cases.db, access, caseId);
  assertCanDo(d.case.id, staffState(d), 'propose_determination');
  const { t, locale } = f;
  const preview = await previewOf(deps, d.case.partnerId, d.case.itemId, d.case.occurredOn);
  const replies: Inline[] = d.replies.map((r) => cat(t(`show.reply.${r.kind}`), ' · ', formatActor(r.by ?? 'system', t), ' · ', formatDateTime(r.at, locale)));
  const intro: Inline[] = [
    tr(t, 'determine.intro', { caseId: caseRef(d.case.id), partner: partnerLabel(d.partnerName, d.case.partnerId), item: itemLabelOn(deps.cases.policies, d.case.itemId, d.case.occurredOn, locale) }),
    cat(`*${t('common.facts')}*\n`, [user(d.case.facts ?? '', 1200)]),
    replies.length > 0 ? join(replies, '\n') : [t('determine.noReply')],
  ];
  if (staffState(d) === 'awaiting_reply') intro.push([t('determine.fastTrack')]);
  return {
    formTitle: t('determine.title'),
    formCaseId: d.case.id,
    formIntro: toMarkdown(join(intro, '\n\n')),
    formPreview: toMarkdown(preview ? cat(`*${t('determine.preview')}*\n`, decisionLines(preview, t, locale)) : [t('determine.previewNone')]),
    establishedLabel: t('determine.established'),
    establishedOptions: JSON.stringify([{ value: 'yes', text: t('determine.yes') }, { value: 'no', text: t('determine.no') }]),
    // R-P1: only a class-1 sanction can end the partnership; offered when the engine judges class 1.
    terminateShown: preview?.finalClass === 1 ? 'true' : 'false',
    terminateLabel: t('determine.terminate'),
    terminateOption: t('determine.terminateOption'),
    reasonsLabel: t('determine.reasons'),
    submitLabel: t('determine.submit'),
    locale,
    ...Object.fromEntries(DETERMINE_FIELDS.map((k) => [`${k}Error`, ''])),
  };
}

/** What the engine would decide today, for the proposer to see; nothing when it cannot judge (as on Slack). */
async function previewOf(deps: DingTalkHandlerDeps, partnerId: string, itemId: string, occurredOn: string): Promise<DecisionView | null> {
  try {
    return decisionView(await previewSanction(rulesOf(deps), { partnerId, itemId, on: today(deps.cases.clock), occurred: occurredOn }));
  } catch (e) {
    deps.logger.warn('no preview for the DingTalk determination form', { partnerId, itemId, error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

export interface DetermineForm {
  established: boolean;
  terminate: boolean;
  reasons: string;
}

/** The submitted form as Slack's view submission reads its modal: established unless "no" was chosen. */
export function determineFormOf(params: Record<string, unknown>): DetermineForm {
  const established = selectedSchema.safeParse(params.established);
  return {
    established: !(established.success && established.data === 'no'),
    terminate: ticked(params.terminate, 'terminate'),
    reasons: textOf(params.reasons),
  };
}
