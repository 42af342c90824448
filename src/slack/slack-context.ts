import type { Logger as BoltLogger } from '@slack/bolt';
import type { SlackConfig } from '../config/slack-config.ts';
import type { Logger } from '../logger.ts';
import type { Actor } from '../service/access/actor.ts';
import type { CaseDeps } from '../service/cases/case-deps.ts';
import type { RulesDeps } from '../service/rules/rules-deps.ts';
import { translator, type Locale } from '../messages/i18n.ts';
import type { Fmt } from './render/views/format.ts';

/** Where a person's language comes from (LocaleResolver: users.info with include_locale, cached). */
export interface LocaleSource {
  localeOf(userId: string): Promise<Locale>;
}

/** Everything the listeners need, passed in once (STYLE 3). */
export interface SlackContext {
  config: Pick<SlackConfig, 'botToken' | 'signingSecret' | 'appToken' | 'slackApiUrl' | 'channels' | 'defaultLocale' | 'port'>;
  cases: CaseDeps;
  locales: LocaleSource;
  logger: Logger;
  /** Resolves when the database answers `select 1` (GET /healthz). */
  checkDatabase(): Promise<void>;
  /** Bolt's own logger; default: Bolt's lines as JSON through `logger`. Tests pass one that keeps lines. */
  boltLogger?: BoltLogger;
  /** WebClient retries; tests set `{ retries: 0 }` (the default retries for ~30 minutes). */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
}

export function rulesOf(ctx: SlackContext): RulesDeps {
  return { db: ctx.cases.db, policies: ctx.cases.policies, clock: ctx.cases.clock, calendar: ctx.cases.calendar };
}

export function actorOf(userId: string): Actor {
  return { platform: 'slack', userId };
}

/** The reader's language; when Slack cannot tell, the configured default. */
export async function fmtFor(ctx: SlackContext, userId: string): Promise<Fmt> {
  let locale: Locale = ctx.config.defaultLocale;
  try {
    locale = await ctx.locales.localeOf(userId);
  } catch (e) {
    ctx.logger.warn('locale lookup failed; using the default', { userId, error: e instanceof Error ? e.message : String(e) });
  }
  return { t: translator(locale), locale };
}
