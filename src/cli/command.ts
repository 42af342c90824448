import type { CliContext } from './cli-context.ts';

/** What a command prints: one JSON document with --json, text otherwise. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Non-zero when the answer itself is a failure (a broken audit chain). */
  exitCode?: number;
}

export interface Command {
  /** Words that select it, e.g. `import ledger`. */
  name: string;
  usage: string;
  summary: string;
  run(ctx: CliContext, args: string[]): Promise<CommandOutput>;
}
