import { shanghaiDateOf, type LocalDate } from '../domain/dates.ts';

/** Time comes from here, never from `Date.now()`, so every deadline can be tested to the second. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let t = new Date(at);
  return {
    now: () => new Date(t),
    set: (to) => {
      t = new Date(to);
    },
    advance: (ms) => {
      t = new Date(t.getTime() + ms);
    },
  };
}

/** Today in Asia/Shanghai (R-FY). */
export function today(clock: Clock): LocalDate {
  return shanghaiDateOf(clock.now());
}
