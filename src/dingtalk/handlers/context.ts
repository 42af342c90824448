import type { Db } from '../../db/database.ts';
import { storedDingtalkLocale } from '../../db/repositories/dingtalk.repository.ts';
import type { Logger } from '../../logger.ts';
import { translator, type Locale, type Translate } from '../../messages/i18n.ts';
import type { Actor } from '../../service/access/actor.ts';
import type { CaseDeps } from '../../service/cases/case-deps.ts';
import type { Clock } from '../../service/clock.ts';
import type { RulesDeps } from '../../service/rules/rules-deps.ts';
import type { DingTalkRobotApi } from '../robot-api.ts';
import type { PartnerPickerLink } from '../h5/picker-link.ts';

/** What the robot needs of DingTalk's API here: DMs and the report card. */
export type RobotPort = Pick<DingTalkRobotApi, 'sendToUsers' | 'createAndDeliverCards'>;

/** Everything the DingTalk handlers need, passed in once (STYLE 3). */
export interface DingTalkHandlerDeps {
  db: Db;
  clock: Clock;
  cases: CaseDeps;
  robot: RobotPort;
  logger: Logger;
  /** DINGTALK_REPORT_CARD_TEMPLATE_ID; null: `违规 上报` answers that it is not set up. */
  reportCardTemplateId: string | null;
  /** How the report card's submit comes back (DINGTALK_MODE). */
  callbackType: 'STREAM' | 'HTTP';
  /** The H5 partner picker the report card links to when its partners overflow (DINGTALK_H5_URL); absent: not set up. */
  partnerPicker?: PartnerPickerLink;
}

/** A DingTalk person as the service knows them: staff roles and contacts name them `dingtalk:<userId>`. */
export function actorOf(userId: string): Actor {
  return { platform: 'dingtalk', userId };
}

export function rulesOf(deps: DingTalkHandlerDeps): RulesDeps {
  return { db: deps.cases.db, policies: deps.cases.policies, clock: deps.cases.clock, calendar: deps.cases.calendar };
}

/** The reader's words: their stored preference, else the language they typed in (no DingTalk API tells a UI language). */
export interface Fmt {
  t: Translate;
  locale: Locale;
}

export async function fmtFor(deps: DingTalkHandlerDeps, userId: string, typedIn: Locale = 'zh-CN'): Promise<Fmt> {
  let locale: Locale = typedIn;
  try {
    locale = (await storedDingtalkLocale(deps.db, userId)) ?? typedIn;
  } catch (e) {
    deps.logger.warn('DingTalk locale lookup failed; answering in the language typed', { userId, error: e instanceof Error ? e.message : String(e) });
  }
  return { t: translator(locale), locale };
}
