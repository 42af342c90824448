import type { Locale, Translate } from '../../messages/i18n.ts';
import { cardLinkToken } from './partner-picker.ts';

/** What the report card needs to link to the H5 partner picker: the bot's public URL and the signing key. */
export interface PartnerPickerLink {
  publicUrl: string;
  secret: string;
  now: () => number;
}

export const PICKER_CARD_VARS = ['partnerPickerUrl', 'partnerPickerLabel', 'partnerPickerHint'] as const;

/**
 * The report card's picker variables (issue 12). When the partners a person
 * may pick do not fit the card's SELECT, a link to the H5 page signed for
 * this card and person; otherwise empty strings, so the card template hides
 * the link (its `partnerPickerUrl` is empty).
 */
export function partnerPickerVars(link: PartnerPickerLink | undefined, overflow: boolean, card: { userId: string; outTrackId: string | undefined }, locale: Locale, t: Translate): Record<(typeof PICKER_CARD_VARS)[number], string> {
  if (!link || !overflow || card.outTrackId === undefined) return { partnerPickerUrl: '', partnerPickerLabel: '', partnerPickerHint: '' };
  const token = cardLinkToken(link.secret, card.userId, card.outTrackId, link.now());
  const url = `${link.publicUrl}/dingtalk/h5/partners?card=${encodeURIComponent(token)}&lang=${encodeURIComponent(locale)}`;
  return { partnerPickerUrl: url, partnerPickerLabel: t('dingtalkH5.cardLink'), partnerPickerHint: t('dingtalkH5.cardHint') };
}
