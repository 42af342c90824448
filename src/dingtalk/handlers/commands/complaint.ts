import { fileComplaint } from '../../../service/complaints/file-complaint.ts';
import { partnersComplainingAs } from '../../../service/complaints/complaint-queries.ts';
import { tr, user } from '../../../messages/inline.ts';
import type { DingTalkCommand } from '../../command-parser.ts';
import { toMarkdown } from '../../render/to-markdown.ts';
import { actorOf, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import { answerPrivately } from '../reply.ts';

type Complaint = Extract<DingTalkCommand, { kind: 'complaint' }>;

/**
 * `伙伴 投诉 [#P001] 主题 | 内容` / `partner complaint …` (R-COMPLAINT): the
 * same use case as Slack's complaint modal, answered privately. As
 * `/partner complaint` does before its modal, staff and strangers are told at
 * once why not; a contact of several partners is asked to name one. The
 * partner named is only a wish: fileComplaint refuses one the person does not
 * speak for (to them it does not exist). Keyed by the robot message, so a
 * re-pushed message files once.
 */
export async function complaintCommand(deps: DingTalkHandlerDeps, userId: string, f: Fmt, cmd: Complaint, msgId: string): Promise<void> {
  const { t } = f;
  await answerPrivately(deps, userId, f, { command: 'complaint', userId }, async () => {
    const actor = actorOf(userId);
    const who = await partnersComplainingAs(deps.cases.db, actor);
    const title = t('complaint.title');
    if (who.partners.length === 0) return { title, markdown: toMarkdown([t(who.staff ? 'complaint.staffOnly' : 'complaint.partnersOnly')]) };
    if (cmd.partnerId === undefined && who.partners.length > 1) {
      const partners = who.partners.map((p) => `${p.name} (${p.id})`).join(', ');
      return { title, markdown: toMarkdown(tr(t, 'dingtalk.complaint.choosePartner', { partners: user(partners, 600), first: who.partners[0]!.id })) };
    }
    const r = await fileComplaint(deps.cases, {
      key: `dingtalk:complaint:${msgId}`,
      actor,
      ...(cmd.partnerId === undefined ? {} : { partnerId: cmd.partnerId }),
      subject: cmd.subject,
      text: cmd.text,
      evidence: [],
    });
    return { title: t('complaint.doneTitle'), markdown: toMarkdown(tr(t, 'complaint.done', { complaintId: r.complaintId, due: r.answerDue })) };
  });
}
