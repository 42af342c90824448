import { requireRole } from '../../../domain/access/roles.ts';
import { catalogByCategory } from '../../../domain/catalog/catalog.ts';
import { assertCanDo } from '../../../domain/cases/case-state.ts';
import type { DecisionView } from '../../../domain/notifications/notification.ts';
import { policyInForce } from '../../../domain/policy/choose-policy.ts';
import { formatClass, itemWording } from '../../../messages/format.ts';
import { cat, join, tr, user } from '../../../messages/inline.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { caseDetail, staffState } from '../../../service/cases/case-queries.ts';
import { decisionLines } from '../../render/decision-markdown.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { caseRef, catalogItemOn } from '../../render/words.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { selectedSchema, textOf, ticked } from './card-form.ts';

/**
 * The objection-answer form (R-NOTICE) as card variables: what Slack's
 * answer modal shows (src/slack/render/modals/answer-modal.ts), from the
 * same texts: the partner's grounds, the sanction as noticed, upheld or
 * adjusted, another catalog item (of the policy of the day it happened,
 * R-POLICY), withdraw, termination, the reasons.
 */

export const ANSWER_SUBMIT = 'answerSubmit';
export const ANSWER_FIELDS = ['reasons', 'item', 'terminate'] as const;

export async function answerFormVars(deps: DingTalkHandlerDeps, userId: string, f: Fmt, caseId: string): Promise<Record<string, string>> {
  const access = await loadAccess(deps.cases.db, actorOf(userId));
  requireRole(access.roles, 'objection.answer', `dingtalk:${userId}`);
  const d = await caseDetail(deps.cases.db, access, caseId);
  assertCanDo(d.case.id, staffState(d), 'propose_objection_answer');
  const { t, locale } = f;
  const grounds = d.objections.map((x) => [user(x.grounds, 800)]);
  const decision = (d.case.decision as DecisionView | null) ?? null;
  const items = catalogByCategory(policyInForce(deps.cases.policies, d.case.occurredOn).catalog).flatMap((g) => g.items);
  return {
    formTitle: t('answer.title'),
    formCaseId: d.case.id,
    formIntro: toMarkdown(join([tr(t, 'answer.intro', { caseId: caseRef(d.case.id) }), cat(`*${t('answer.grounds')}*\n`, grounds.length > 0 ? join(grounds, '\n———\n') : ['—'])], '\n\n')),
    formCurrent: decision ? toMarkdown(cat(`*${t('answer.current')}*\n`, decisionLines(decision, t, locale))) : '',
    outcomeLabel: t('answer.outcome'),
    outcomeOptions: JSON.stringify([{ value: 'upheld', text: t('answer.upheld') }, { value: 'adjusted', text: t('answer.adjusted') }]),
    itemLabel: t('answer.item'),
    itemHint: t('answer.itemHint'),
    itemOptions: JSON.stringify(items.map((i) => ({ value: i.id, text: `${i.id} · ${formatClass(i.class, t) as string} · ${itemWording(i, locale)}` }))),
    itemDefault: catalogItemOn(deps.cases.policies, d.case.itemId, d.case.occurredOn)?.id ?? '',
    withdrawLabel: t('answer.withdraw'),
    withdrawOption: t('answer.withdrawOption'),
    terminateLabel: t('answer.terminate'),
    terminateOption: t('answer.terminateOption'),
    reasonsLabel: t('answer.reasons'),
    submitLabel: t('answer.submit'),
    locale,
    ...Object.fromEntries(ANSWER_FIELDS.map((k) => [`${k}Error`, ''])),
  };
}

export interface AnswerForm {
  outcome: 'upheld' | 'adjusted';
  reasons: string;
  established?: boolean;
  itemId?: string;
  terminate?: boolean;
}

/** The submitted form as Slack's view submission reads the answer modal: the adjustment's fields count only when adjusted. */
export function answerFormOf(params: Record<string, unknown>): AnswerForm {
  const outcome = selectedSchema.safeParse(params.outcome);
  const adjusted = outcome.success && outcome.data === 'adjusted';
  const reasons = textOf(params.reasons);
  if (!adjusted) return { outcome: 'upheld', reasons };
  const item = selectedSchema.safeParse(params.item);
  return {
    outcome: 'adjusted',
    reasons,
    established: !ticked(params.withdraw, 'not_established'),
    itemId: item.success ? item.data.trim() : '',
    terminate: ticked(params.terminate, 'terminate'),
  };
}
