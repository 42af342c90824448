import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HTTP callback mode (issue 12): DingTalk signs each callback with headers
 * `timestamp` (epoch ms) and `sign` = Base64(HmacSHA256(key = appSecret,
 * timestamp + "\n" + appSecret)). Pure apart from the crypto: the clock is
 * given. A request older or newer than an hour is refused (replay window).
 */
export const MAX_SKEW_MS = 60 * 60 * 1000;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'bad-timestamp' | 'stale' | 'mismatch' };

export function dingtalkSign(timestamp: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(`${timestamp}\n${appSecret}`, 'utf8').digest('base64');
}

export function verifyDingTalkCallback(headers: { timestamp?: string | undefined; sign?: string | undefined }, appSecret: string, nowMs: number): SignatureCheck {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign) return { ok: false, reason: 'missing' };
  if (!/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: 'bad-timestamp' };
  if (Math.abs(nowMs - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(dingtalkSign(timestamp, appSecret), 'utf8');
  const given = Buffer.from(sign, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a Base64 HMAC-SHA256 is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'mismatch' };
  return { ok: true };
}
