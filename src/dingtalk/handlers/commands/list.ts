import { loadAccess } from '../../../service/access/actor.ts';
import { listCases, type CaseSummary } from '../../../service/cases/case-queries.ts';
import { formatDateTime, partnerLabel } from '../../../messages/format.ts';
import { cat, tr } from '../../../messages/inline.ts';
import type { PolicyVersion } from '../../../domain/policy/policy-version.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { answerPrivately } from '../reply.ts';
import { toMarkdown, trustedMarkdown } from '../../render/to-markdown.ts';
import { caseRef, itemLabelOn } from '../../render/words.ts';

export const DINGTALK_LIST_SIZE = 10;

/** `违规 列表`/`violation list`: open cases this person may see (R-CONFIDENTIAL: the service decides), newest first. */
export async function listCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt): Promise<void> {
  await answerPrivately(deps, userId, f, { command: 'list', userId }, async () => {
    const access = await loadAccess(deps.cases.db, actorOf(userId));
    const { rows, total } = await listCases(deps.cases.db, access, { kind: 'open' }, { limit: DINGTALK_LIST_SIZE, offset: 0 });
    const title = f.t('list.titleOpen');
    const lines = rows.map((c) => `- ${caseLine(f, deps.cases.policies, c)}`);
    const body = rows.length === 0 ? trustedMarkdown(f.t('list.empty')) : [lines.join('\n'), total > rows.length ? trustedMarkdown(f.t('dingtalk.list.more', { shown: rows.length, total })) : ''].filter((s) => s !== '').join('\n\n');
    return { title, markdown: `#### ${title}\n\n${body}` };
  });
}

/** One case as the viewer may know it: id, partner, item, state shown to them, and the deadline they wait on. */
export function caseLine(f: Fmt, policies: readonly PolicyVersion[], c: CaseSummary): string {
  const due =
    c.state === 'awaiting_reply' && c.replyDueAt
      ? tr(f.t, 'list.replyDue', { due: formatDateTime(c.replyDueAt, f.locale) })
      : c.state === 'awaiting_objection' && c.objectionDueAt
        ? tr(f.t, 'list.objectionDue', { due: formatDateTime(c.objectionDueAt, f.locale) })
        : [];
  return toMarkdown(cat('*', caseRef(c.id), '* · ', partnerLabel(c.partnerName, c.partnerId), ' · ', itemLabelOn(policies, c.itemId, c.occurredOn, f.locale), ' · ', f.t(`state.${c.state}`), due.length > 0 ? cat(' · ', due) : []));
}
