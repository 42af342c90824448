import i18next, { type i18n } from 'i18next';
import { notificationsEn } from './strings/notifications.en.ts';
import { notificationsZh } from './strings/notifications.zh-CN.ts';
import { uiEn } from './strings/ui.en.ts';
import { uiZh } from './strings/ui.zh-CN.ts';

/** Every message and modal exists in these two languages (issue #4). */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];

/**
 * A language tag mapped to ours: a Slack locale (`zh-CN`, `zh-TW`, `en-US`,
 * `en-GB`, …) or a stored preference (DingTalk gives none, issue 12);
 * anything else → the default. Nothing Slack-specific in it, so it lives here.
 */
export function toLocale(slackLocale: string | undefined | null, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  if (slackLocale.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (slackLocale.toLowerCase().startsWith('en')) return 'en';
  return fallback;
}

const instance: i18n = i18next.createInstance();
void instance.init({
  initAsync: false,
  fallbackLng: 'en',
  supportedLngs: [...locales],
  // User text never passes through i18next: documents keep it as raw parts
  // (inline.ts) and each adapter escapes it in its own markup.
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: {
    en: { translation: { ...notificationsEn, ...uiEn } },
    'zh-CN': { translation: { ...notificationsZh, ...uiZh } },
  },
});

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const translators = new Map<Locale, Translate>();

/**
 * A translator for one locale. Keys are nested with dots: `t('report.title')`.
 * One per locale for the process: the messages never change once loaded, and
 * getFixedT on every request and catalog line was measurable under load.
 */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = instance.getFixedT(locale);
    t = (key, params) => fixed(key, params ?? {}) as string;
    translators.set(locale, t);
  }
  return t;
}
