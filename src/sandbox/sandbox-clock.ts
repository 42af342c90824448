import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../service/clock.ts';

/**
 * The sandbox's time: the real time plus an offset that only grows (a
 * visitor moves it forward to watch deadlines pass; time never runs back,
 * or a processed deadline would be due again). The offset is kept in the
 * data folder, so a restart resumes where the visitor left it.
 */
export class SandboxClock implements Clock {
  private offsetMs: number;
  private readonly file: string;
  private constructor(offsetMs: number, file: string) {
    this.offsetMs = offsetMs;
    this.file = file;
  }

  static async open(dataDir: string): Promise<SandboxClock> {
    const file = join(dataDir, 'clock.json');
    const saved = await readFile(file, 'utf8').then(
      (t) => Number((JSON.parse(t) as { offsetMs?: unknown }).offsetMs),
      () => 0,
    );
    return new SandboxClock(Number.isFinite(saved) && saved > 0 ? saved : 0, file);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves to `at` when it is later than now; earlier instants leave the clock where it is. */
  async moveTo(at: Date): Promise<void> {
    const offset = at.getTime() - Date.now();
    if (offset <= this.offsetMs) return;
    this.offsetMs = offset;
    await writeFile(this.file, JSON.stringify({ offsetMs: offset }));
  }
}
