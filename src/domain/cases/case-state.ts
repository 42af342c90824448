import { DomainError } from '../errors.ts';

/**
 * Where a case stands in the procedure of RULES.md §5 (R-REPLY … R-DECISION).
 * A partner's own report waits in `reported` until staff send the notice.
 */
export const caseStates = [
  'reported',
  'awaiting_reply',
  'awaiting_determination',
  'determination_proposed',
  'awaiting_objection',
  'objection_raised',
  'objection_answer_proposed',
  'collecting',
  'closed',
  'dismissed',
] as const;
export type CaseState = (typeof caseStates)[number];

export type CaseAction =
  | 'send_notice'
  | 'dismiss_report'
  | 'reply'
  | 'lapse_reply'
  | 'suspend'
  | 'lift_suspension'
  | 'propose_determination'
  | 'decide_determination'
  | 'object'
  | 'propose_objection_answer'
  | 'decide_objection_answer'
  | 'close_objection_window'
  | 'record_payment';

/** Which steps each state allows; anything else is a step out of order. */
const allowed: Record<CaseAction, readonly CaseState[]> = {
  send_notice: ['reported'],
  // R-SCREEN: a partner's report is dismissed before the accused ever hears of it.
  dismiss_report: ['reported'],
  reply: ['awaiting_reply'],
  lapse_reply: ['awaiting_reply'],
  // R-SUSPEND: only once the notice is out (never in `reported`), and until the case is fully handled (so through `collecting`).
  suspend: ['awaiting_reply', 'awaiting_determination', 'determination_proposed', 'awaiting_objection', 'objection_raised', 'objection_answer_proposed', 'collecting'],
  lift_suspension: ['awaiting_reply', 'awaiting_determination', 'determination_proposed', 'awaiting_objection', 'objection_raised', 'objection_answer_proposed', 'collecting'],
  // R-DETERMINE fast track: staff may determine before the reply window ends.
  propose_determination: ['awaiting_reply', 'awaiting_determination'],
  decide_determination: ['determination_proposed'],
  object: ['awaiting_objection'],
  propose_objection_answer: ['objection_raised'],
  decide_objection_answer: ['objection_answer_proposed'],
  close_objection_window: ['awaiting_objection'],
  record_payment: ['collecting'],
};

const describe: Record<CaseState, string> = {
  reported: 'reported by a partner and waiting for staff to send the notice',
  awaiting_reply: 'waiting for the partner’s reply',
  awaiting_determination: 'waiting for a determination',
  determination_proposed: 'waiting for a determination to be approved',
  awaiting_objection: 'open for objection to the processing notice',
  objection_raised: 'waiting for staff to answer an objection',
  objection_answer_proposed: 'waiting for an objection answer to be approved',
  collecting: 'decided, with a penalty still owed',
  closed: 'closed',
  dismissed: 'dismissed',
};

export function describeState(s: CaseState): string {
  return describe[s];
}

export function canDo(state: CaseState, action: CaseAction): boolean {
  return allowed[action].includes(state);
}

/** A step out of order is refused with the state the case is really in. */
export function assertCanDo(caseId: string, state: CaseState, action: CaseAction): void {
  if (!canDo(state, action)) {
    throw new DomainError('case.step_out_of_order', `Case ${caseId} is ${describe[state]}; it cannot take “${action.replaceAll('_', ' ')}” now.`, {
      caseId,
      state,
      action,
    });
  }
}

export function isOpen(state: CaseState): boolean {
  return state !== 'closed' && state !== 'dismissed';
}
