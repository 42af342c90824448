import { redactSecrets } from '../config/database-config.ts';
import { isDomainError } from '../domain/errors.ts';
import { openCliContext, type CliContext } from './cli-context.ts';
import type { Command } from './command.ts';
import { assessmentsCommands } from './commands/assessments.command.ts';
import { policyCommands } from './commands/policy.command.ts';
import { auditVerifyCommand } from './commands/audit.command.ts';
import { casesCommands } from './commands/cases.command.ts';
import { procedureCommands } from './commands/procedure.command.ts';
import { calendarCommands } from './commands/calendar.command.ts';
import { complaintsCommands } from './commands/complaints.command.ts';
import { catalogCommand } from './commands/catalog.command.ts';
import { deadlineCommand } from './commands/deadline.command.ts';
import { dingtalkUsageCommand } from './commands/dingtalk.command.ts';
import { exitCommands } from './commands/exit.command.ts';
import { exportCommand } from './commands/export.command.ts';
import { importCommands } from './commands/import.command.ts';
import { lateFeeCommand } from './commands/late-fee.command.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { previewCommand } from './commands/preview.command.ts';
import { requestCommands } from './commands/request.command.ts';
import { standingCommand } from './commands/standing.command.ts';

export const commands: Command[] = [
  migrateCommand,
  catalogCommand,
  ...importCommands,
  exportCommand,
  previewCommand,
  standingCommand,
  ...requestCommands,
  deadlineCommand,
  lateFeeCommand,
  ...calendarCommands,
  auditVerifyCommand,
  ...casesCommands,
  ...procedureCommands,
  dingtalkUsageCommand,
  ...assessmentsCommands,
  ...policyCommands,
  ...exitCommands,
  ...complaintsCommands,
];

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return ['Usage: npm run --silent cli -- <command>', '', ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)].join('\n');
}

/** The longest command name that the arguments start with. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const matches = commands
    .filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: argv.slice(command.name.split(' ').length) } : undefined;
}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Runs one command; returns the exit code. Every failure is a clear line on stderr, never a stack trace. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, open: (env: NodeJS.ProcessEnv) => Promise<CliContext> = openCliContext): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    io.out(helpText());
    return argv.length === 0 ? 1 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(`error: unknown command "${argv.join(' ')}"\n${helpText()}`);
    return 1;
  }
  const json = found.rest.includes('--json');
  let ctx: CliContext | undefined;
  try {
    ctx = await open(env);
    const output = await found.command.run(ctx, found.rest);
    io.out(json ? JSON.stringify(output.json, null, 2) : output.text);
    return output.exitCode ?? 0;
  } catch (e) {
    reportError(e, json, io);
    return 1;
  } finally {
    await ctx?.database.close();
  }
}

function reportError(e: unknown, json: boolean, io: CliIo): void {
  if (isDomainError(e)) {
    const rows = (e.details as { errors?: { line: number; reason: string }[] } | undefined)?.errors ?? [];
    io.err([`error: ${e.message}`, ...rows.map((r) => `  line ${r.line}: ${r.reason}`)].join('\n'));
    if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message, ...(rows.length ? { rows } : {}) } }, null, 2));
    return;
  }
  // Not a mistake of the user's: name it without a stack trace, and without secrets.
  const message = e instanceof Error ? e.message : String(e);
  io.err(`error: unexpected failure: ${redactSecrets(message).split('\n')[0]}`);
  if (json) io.out(JSON.stringify({ error: { code: 'internal', message: redactSecrets(message).split('\n')[0] } }, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const code = await runCli(process.argv.slice(2), process.env, {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  });
  process.exitCode = code;
}
