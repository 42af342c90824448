import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DomainError } from '../../domain/errors.ts';
import type { ImportKind, ImportResult } from '../../service/imports/import-file.ts';
import { importAssessments } from '../../service/imports/import-assessments.ts';
import { importContracts } from '../../service/imports/import-contracts.ts';
import { importLedger } from '../../service/imports/import-ledger.ts';
import { importPartners } from '../../service/imports/import-partners.ts';
import { importPrograms } from '../../service/imports/import-programs.ts';
import { importSanctions } from '../../service/imports/import-sanctions.ts';
import { onePositional, parseCommandArgs } from '../args.ts';
import type { CliContext } from '../cli-context.ts';
import type { Command } from '../command.ts';

export async function readInputFile(path: string): Promise<{ name: string; text: string }> {
  try {
    return { name: basename(path), text: await readFile(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DomainError('input.file_unreadable', code === 'ENOENT' ? `No file at ${path}` : `Cannot read ${path} (${code ?? 'error'})`);
  }
}

function importCommand(kind: ImportKind, run: (ctx: CliContext, file: { name: string; text: string }) => Promise<ImportResult>): Command {
  const usage = `import ${kind} FILE.csv [--json]`;
  return {
    name: `import ${kind}`,
    usage,
    summary: `import ${kind} from a CSV file (all or nothing; the same file twice changes nothing)`,
    async run(ctx, args) {
      const { positionals } = parseCommandArgs(args, {}, usage);
      const result = await run(ctx, await readInputFile(onePositional(positionals, 'FILE.csv', usage)));
      const text = result.imported
        ? `Imported ${result.file}: ${result.rows} rows, ${result.changed} changed`
        : `${result.file} was imported before; nothing changed`;
      return { json: result, text: [text, ...heldBackLines(result)].join('\n') };
    },
  };
}

/** R-RESTRICT: an assessment upgrade held back says so, with the rule and the day it lifts. */
function heldBackLines(result: ImportResult): string[] {
  const held = (result.details?.heldBack ?? []) as { key: string; heldBy: { rule: string; until: string | null }[] }[];
  return held.map((h) => `  held back: upgrade ${h.key} (${h.heldBy.map((b) => `${b.rule}, ${b.until === null ? 'until paid' : `lifts on ${b.until}`}`).join('; ')})`);
}

const deps = (ctx: CliContext) => ({ db: ctx.database.db, clock: ctx.clock, actor: ctx.actor, policies: ctx.policies });

export const importCommands: Command[] = [
  importCommand('partners', (ctx, f) => importPartners(deps(ctx), f)),
  importCommand('ledger', (ctx, f) => importLedger(deps(ctx), f)),
  importCommand('sanctions', (ctx, f) => importSanctions(deps(ctx), f)),
  // R-ASSESS: applied on the import day; downgrades and removals go to the outbox (`cli outbox deliver` or the bot sends them).
  importCommand('assessments', (ctx, f) => importAssessments({ ...deps(ctx), jobs: ctx.cases.jobs, calendar: ctx.cases.calendar }, f)),
  importCommand('programs', (ctx, f) => importPrograms(deps(ctx), f)),
  importCommand('contracts', (ctx, f) => importContracts(deps(ctx), f)),
];
