import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';

describe('isDatabaseUnavailable (a request in a database outage is told "not saved, try again")', () => {
  const coded = (code: string, cause?: unknown) => Object.assign(new Error(`e ${code}`), { code }, cause ? { cause } : {});

  it('knows a refused or cut connection and a server shutting down, also wrapped as drizzle wraps them', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006']) {
      expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
      expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: coded(code) })), `wrapped ${code}`).toBe(true);
    }
    expect(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]))).toBe(true);
  });

  it('leaves every other error to the generic answer: constraint violations, bugs, non-errors', () => {
    for (const e of [coded('23505'), coded('40001'), new TypeError('x is undefined'), 'text', null, undefined, { code: 5 }]) {
      expect(isDatabaseUnavailable(e)).toBe(false);
    }
    const loop: { code: string; cause?: unknown } = { code: '23505' };
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
