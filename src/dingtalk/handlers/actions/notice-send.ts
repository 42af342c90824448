import { caseRef } from '../../render/words.ts';
import { formatDateTime } from '../../../messages/format.ts';
import { tr } from '../../../messages/inline.ts';
import { sendNotice } from '../../../service/cases/staff-steps.ts';
import { caseIdSchema } from '../../../service/input/chat-input.ts';
import { cardDone, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, type Click } from './click.ts';

/** Send notice (staff): a partner's report, vetted, is now told to the reported partner (R-REPLY). */
export async function noticeSend(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const r = await sendNotice(deps.cases, { key: c.key, actor: c.actor, caseId: buttonValue(caseIdSchema, c) });
  return cardDone(tr(c.f.t, 'notice.done', { caseId: caseRef(r.caseId), due: formatDateTime(r.replyDue, c.f.locale) }));
}
