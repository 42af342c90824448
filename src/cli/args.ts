import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DomainError } from '../domain/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into one clear usage line. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...options, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\.\s*To specify.*$/s, '') : String(e);
    throw new DomainError('cli.usage', `${message}. Usage: ${usage}`);
  }
}

export function requireOption(value: string | undefined, flag: string, usage: string): string {
  if (value === undefined || value === '') throw new DomainError('cli.usage', `${flag} is required. Usage: ${usage}`);
  return value;
}

export function onePositional(positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) throw new DomainError('cli.usage', `expected one ${what}. Usage: ${usage}`);
  return positionals[0]!;
}
