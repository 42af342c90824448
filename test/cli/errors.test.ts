import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from '../support/service-fixtures.ts';

const neverOpened = async () => {
  throw new Error('the command should not have opened the database');
};

describe('cli errors and help', () => {
  it('an unknown command exits non-zero, names it, and shows the commands', async () => {
    const c = captureIo();
    expect(await runCli(['frobnicate', '--now'], {}, c.io, neverOpened)).toBe(1);
    expect(c.stderr()).toMatch(/^error: unknown command "frobnicate --now"\nUsage: npm run --silent cli -- <command>/);
    expect(c.stderr()).toContain('preview --partner ID --item ITEM --on DATE');
    expect(c.stdout()).toBe('');
  });

  it('help prints the commands and exits 0; no command at all exits 1', async () => {
    const help = captureIo();
    expect(await runCli(['help'], {}, help.io, neverOpened)).toBe(0);
    expect(help.stdout()).toContain('audit verify [--json]');
    expect(await runCli([], {}, captureIo().io, neverOpened)).toBe(1);
  });

  it('an unexpected failure is one line, without a stack trace or a password', async () => {
    const c = captureIo();
    const boom = async () => {
      const e = new Error('connect ECONNREFUSED postgres://app:s3cret@db.internal:5432/vt\n    at Socket.connect (node:net:1:1)');
      throw e;
    };
    expect(await runCli(['catalog'], {}, c.io, boom)).toBe(1);
    expect(c.stderr()).toBe('error: unexpected failure: connect ECONNREFUSED postgres://app:***@db.internal:5432/vt');
    expect(c.stderr()).not.toContain('s3cret');
  });

  it('a coded error while opening (a bad DATABASE_URL) is one line', async () => {
    const c = captureIo();
    expect(await runCli(['catalog'], { DATABASE_URL: 'mysql://x' }, c.io)).toBe(1);
    expect(c.stderr()).toBe('error: DATABASE_URL must start with postgres:// or postgresql://');
  });
});
