import { parseLocalDate } from '../../domain/dates.ts';
import { DomainError } from '../../domain/errors.ts';
import { today } from '../clock.ts';
import { judgeForPartner, type Judgement } from './judge-for-partner.ts';
import type { RulesDeps } from './rules-deps.ts';

export interface PreviewInput {
  partnerId: string;
  itemId: string;
  on: string;
  occurred?: string;
  terminate?: boolean;
}

/** The id a preview gives the violation it imagines; never stored. */
export const PREVIEW_CASE_ID = '(this case)';

/** What a new violation would get on a day, stored nowhere. */
export async function previewSanction(deps: RulesDeps, input: PreviewInput): Promise<Judgement> {
  const on = parseLocalDate(input.on, '--on');
  const occurredOn = input.occurred === undefined ? on : parseLocalDate(input.occurred, '--occurred');
  if (occurredOn > today(deps.clock)) {
    throw new DomainError('input.date_in_future', `The violation date ${occurredOn} is in the future.`);
  }
  return judgeForPartner(deps.db, deps.policies, {
    partnerId: input.partnerId,
    itemId: input.itemId.toUpperCase(),
    caseId: PREVIEW_CASE_ID,
    occurredOn,
    on,
    terminate: input.terminate ?? false,
  });
}
