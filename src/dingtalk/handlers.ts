import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import type { Clock } from '../service/clock.ts';
import type { CardAction, InboundHandlers, RobotCommand } from './inbound.ts';
import { CARD_ACTIONS } from './handlers/actions/index.ts';
import { clickOf } from './handlers/actions/click.ts';
import { cardRefused, type CardAnswer } from './handlers/card-answer.ts';
import { complaintCommand } from './handlers/commands/complaint.ts';
import { helpCommand } from './handlers/commands/help.ts';
import { languageCommand } from './handlers/commands/language.ts';
import { listCommand } from './handlers/commands/list.ts';
import { partnerStatusCommand } from './handlers/commands/partner-status.ts';
import { reportCommand } from './handlers/commands/report.ts';
import { showCommand } from './handlers/commands/show.ts';
import { fmtFor, type DingTalkHandlerDeps, type RobotPort } from './handlers/context.ts';
import { dingtalkUserMessage } from './handlers/errors.ts';

/**
 * DingTalk's inbound handlers (issue 12): each text command and card button
 * calls the same use case as its Slack command, button or modal, as the
 * person `dingtalk:<userId>`; what they may see and do is the service's and
 * the domain's (src/domain/access), never decided here.
 */
export interface DingTalkHandlersInput {
  db: Db;
  clock: Clock;
  cases: CaseDeps;
  robot: RobotPort;
  logger: Logger;
  reportCardTemplateId?: string | null;
  callbackType?: 'STREAM' | 'HTTP';
}

export function dingtalkHandlers(input: DingTalkHandlersInput): InboundHandlers {
  const deps: DingTalkHandlerDeps = { ...input, reportCardTemplateId: input.reportCardTemplateId ?? null, callbackType: input.callbackType ?? 'STREAM' };
  return {
    onCommand: (cmd) => onCommand(deps, cmd),
    onCardAction: (action) => onCardAction(deps, action),
  };
}

async function onCommand(deps: DingTalkHandlerDeps, cmd: RobotCommand): Promise<void> {
  const c = cmd.command;
  const f = await fmtFor(deps, cmd.userId, c.typedIn);
  switch (c.kind) {
    case 'help':
      return helpCommand(deps, cmd.userId, f, c);
    case 'language':
      return languageCommand(deps, cmd.userId, f);
    case 'list':
      return listCommand(deps, cmd.userId, f);
    case 'show':
      return showCommand(deps, cmd.userId, f, c.caseId);
    case 'partner-status':
      return partnerStatusCommand(deps, cmd.userId, f, c.partnerId);
    case 'report':
      return reportCommand(deps, cmd.userId, f, cmd.msgId);
    case 'complaint':
      return complaintCommand(deps, cmd.userId, f, c, cmd.msgId);
  }
}

/**
 * A card click, answered within DingTalk's 2 s by the ack (the card update
 * in the answer). A refusal is shown on the card to the clicker and nothing
 * changes; an unexpected failure too (with a reference in the log), so the
 * callback is acked and not re-pushed into the same failure.
 */
async function onCardAction(deps: DingTalkHandlerDeps, action: CardAction): Promise<CardAnswer> {
  const c = await clickOf(deps, action);
  const name = action.actionIds[0] ?? '';
  const handler = Object.hasOwn(CARD_ACTIONS, name) ? CARD_ACTIONS[name] : undefined;
  if (!handler) return cardRefused([c.f.t('dingtalk.card.unknownAction')]);
  try {
    return await handler(deps, c);
  } catch (e) {
    const m = dingtalkUserMessage(e, c.f, deps.logger, { action: name, userId: c.userId, outTrackId: c.outTrackId });
    return cardRefused(m.text);
  }
}
