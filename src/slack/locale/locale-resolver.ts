import type { WebClient } from '@slack/web-api';
import { toLocale, type Locale } from '../../messages/i18n.ts';

export interface LocaleResolverOptions {
  client: WebClient;
  /** Used when Slack has no locale for the user or the lookup fails (DEFAULT_LOCALE). */
  defaultLocale: Locale;
  /** How long a looked-up locale is trusted; a user rarely changes it. Default 1 hour. */
  ttlMs?: number;
  /** The cache forgets the least recently used users past this many. Default 5,000. */
  maxEntries?: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
  /** Told about failed lookups (the message still goes out, in the default locale). */
  onError?: (userId: string, error: unknown) => void;
}

interface Entry {
  locale: Locale;
  expiresAt: number;
}

/**
 * Each user's language from their Slack locale (`users.info` with
 * `include_locale`), cached so a burst of notifications costs one lookup per
 * user an hour (users.info is Tier 4). A failed lookup falls back to the
 * default locale and is not cached, so the next message asks again.
 */
export class LocaleResolver {
  private readonly client: WebClient;
  private readonly defaultLocale: Locale;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly onError: (userId: string, error: unknown) => void;
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Locale>>();

  constructor(options: LocaleResolverOptions) {
    this.client = options.client;
    this.defaultLocale = options.defaultLocale;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = Math.max(1, options.maxEntries ?? 5000);
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => {});
  }

  async localeOf(userId: string): Promise<Locale> {
    const hit = this.cache.get(userId);
    if (hit && hit.expiresAt > this.now()) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.cache.delete(userId);
      this.cache.set(userId, hit);
      return hit.locale;
    }
    this.cache.delete(userId);
    const pending = this.inFlight.get(userId);
    if (pending) return pending;
    const lookup = this.lookUp(userId).finally(() => this.inFlight.delete(userId));
    this.inFlight.set(userId, lookup);
    return lookup;
  }

  /** Drop what is known of a user (e.g. on a `user_change` event, when they may have changed language). */
  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async lookUp(userId: string): Promise<Locale> {
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      const locale = toLocale(res.user?.locale, this.defaultLocale);
      this.remember(userId, locale);
      return locale;
    } catch (e) {
      this.onError(userId, e);
      return this.defaultLocale;
    }
  }

  private remember(userId: string, locale: Locale): void {
    this.cache.set(userId, { locale, expiresAt: this.now() + this.ttlMs });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}
