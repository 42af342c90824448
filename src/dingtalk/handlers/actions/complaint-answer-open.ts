import { z } from 'zod';
import { requireRole } from '../../../domain/access/roles.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { cardRefused, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { buttonValue, type Click } from './click.ts';

/**
 * A complaint's Answer button (R-COMPLAINT) on the approvals group's card. The
 * answer form exists in Slack (a modal) and the CLI; no DingTalk card holds it
 * yet. Whoever lacks the officer role is told that first, as everywhere; an
 * officer is told where to answer. Nothing changes either way.
 */
export async function complaintAnswerOpen(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const access = await loadAccess(deps.cases.db, c.actor);
  requireRole(access.roles, 'complaint.answer', `dingtalk:${c.userId}`);
  const complaintId = buttonValue(z.string().regex(/^C-\d{6}$/), c);
  return cardRefused([c.f.t('dingtalk.card.complaintElsewhere', { complaintId })]);
}
