import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Small signed tokens for the H5 partner picker (issue 12), keyed by the
 * app secret (never sent to a page) with a purpose, so a token of one kind
 * is never taken for another:
 * - the card's link names the card and the person it was sent to, so only
 *   that person, signed in, may change that card;
 * - the page's session names the person and the card, and expires.
 * Stateless: nothing to store, and a restart keeps open pages working.
 */
export type TokenPurpose = 'card-link' | 'session';

export interface TokenClaims {
  userId: string;
  outTrackId: string;
  /** Epoch ms after which the token is refused. */
  exp: number;
}

export function signToken(secret: string, purpose: TokenPurpose, claims: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload)}`;
}

/** The claims, or null when the token is malformed, forged, of another purpose or expired. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now: number): TokenClaims | null {
  const m = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(secret, purpose, m[1]!));
  const given = Buffer.from(m[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = claims as Partial<TokenClaims>;
  if (typeof c.userId !== 'string' || typeof c.outTrackId !== 'string' || typeof c.exp !== 'number') return null;
  return now <= c.exp ? { userId: c.userId, outTrackId: c.outTrackId, exp: c.exp } : null;
}

function mac(secret: string, purpose: TokenPurpose, payload: string): string {
  return createHmac('sha256', `dingtalk-h5:${purpose}:${secret}`).update(payload).digest('base64url');
}
