import type { BenchContext } from '../support/bench-context.ts';
import type { Measurement } from '../support/report.ts';

/**
 * One part of the bench. Sections run in order on one database and may rely
 * on what earlier ones built (the history section builds the big partner).
 */
export interface BenchSection {
  name: string;
  run(ctx: BenchContext, log: (line: string) => void): Promise<Measurement[]>;
}
