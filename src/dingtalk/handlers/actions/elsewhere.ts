import { requireRole, type Permission } from '../../../domain/access/roles.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { cardRefused, type CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import type { Click } from './click.ts';

/**
 * Proposing a determination and answering an objection need the engine's
 * preview and a long form (Slack's modals); no DingTalk card does that yet.
 * Whoever lacks the role is told so first (as Slack's openers do); the
 * officer is told where to do it. Nothing changes either way.
 */
export function notInDingTalk(permission: Permission) {
  return async (deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> => {
    const access = await loadAccess(deps.cases.db, c.actor);
    requireRole(access.roles, permission, `dingtalk:${c.userId}`);
    return cardRefused([c.f.t('dingtalk.card.elsewhere')]);
  };
}
