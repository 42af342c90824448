import { describe, expect, it } from 'vitest';
import { parsePartnerCommand, parseViolationCommand, linkLines } from '../../../src/slack/listeners/shared/parse.ts';

describe('reading what people type after /violation and /partner', () => {
  it.each([
    ['', { sub: 'help' }],
    ['help', { sub: 'help' }],
    ['report', { sub: 'report' }],
    ['REPORT', { sub: 'report' }],
    ['list', { sub: 'list', filter: { kind: 'open' }, page: 0 }],
    ['list mine', { sub: 'list', filter: { kind: 'mine' }, page: 0 }],
    ['list P-42', { sub: 'list', filter: { kind: 'partner', partnerId: 'P-42' }, page: 0 }],
    ['show V-000012', { sub: 'show', caseId: 'V-000012' }],
    ['show v-12', { sub: 'show', caseId: 'V-000012' }],
    ['determine 7', { sub: 'determine', caseId: 'V-000007' }],
    ['  answer   V-000001  ', { sub: 'answer', caseId: 'V-000001' }],
    ['notice V-000002', { sub: 'notice', caseId: 'V-000002' }],
    ['suspend V-000003', { sub: 'suspend', caseId: 'V-000003' }],
    ['LIFT 3', { sub: 'lift', caseId: 'V-000003' }],
    ['suspend', { sub: 'usage', of: 'suspend' }],
    ['lift V-3 now', { sub: 'usage', of: 'lift' }],
    ['show', { sub: 'usage', of: 'show' }],
    ['show P1', { sub: 'usage', of: 'show' }],
    ['show V-1 V-2', { sub: 'usage', of: 'show' }],
    // issue 11: the words after `export` are checked by the subcommand, which knows today.
    ['export ledger 2026-05-01 2026-05-31', { sub: 'export', words: ['ledger', '2026-05-01', '2026-05-31'] }],
    ['EXPORT', { sub: 'export', words: [] }],
    ['delete everything', { sub: 'unknown', text: 'delete everything' }],
  ])('“/violation %s”', (text, expected) => {
    expect(parseViolationCommand(text)).toEqual(expected);
  });

  it('reads /partner status PARTNER, and anything else as a request for its usage', () => {
    expect(parsePartnerCommand('status P1')).toEqual({ sub: 'status', partnerId: 'P1' });
    expect(parsePartnerCommand('status')).toEqual({ sub: 'usage' });
    expect(parsePartnerCommand('P1')).toEqual({ sub: 'usage' });
  });

  it('reads /partner request KIND PARTNER DATE and the category or the program, whose name may hold spaces', () => {
    expect(parsePartnerCommand('request upgrade P1 2026-05-01 consulting_sales')).toEqual({ sub: 'request', kind: 'upgrade', partnerId: 'P1', on: '2026-05-01', subject: 'consulting_sales' });
    expect(parsePartnerCommand('REQUEST Onboarding P1 2026-05-01')).toEqual({ sub: 'request', kind: 'onboarding', partnerId: 'P1', on: '2026-05-01' });
    expect(parsePartnerCommand('request program P1 2026-05-01 Cloud  MSP')).toEqual({ sub: 'request', kind: 'program', partnerId: 'P1', on: '2026-05-01', subject: 'Cloud MSP' });
    expect(parsePartnerCommand('request upgrade P1')).toEqual({ sub: 'usage', of: 'request' });
    expect(parsePartnerCommand('request')).toEqual({ sub: 'usage', of: 'request' });
  });

  it('reads /partner exit PARTNER and /partner exit PARTNER apply (R-EXIT-*); anything else gets the exit usage', () => {
    expect(parsePartnerCommand('exit P1')).toEqual({ sub: 'exit', partnerId: 'P1', apply: false });
    expect(parsePartnerCommand('EXIT P1 Apply')).toEqual({ sub: 'exit', partnerId: 'P1', apply: true });
    expect(parsePartnerCommand('exit')).toEqual({ sub: 'usage', of: 'exit' });
    expect(parsePartnerCommand('exit P1 now')).toEqual({ sub: 'usage', of: 'exit' });
    expect(parsePartnerCommand('exit P1 apply now')).toEqual({ sub: 'usage', of: 'exit' });
    expect(parsePartnerCommand('complaint')).toEqual({ sub: 'complaint' });
  });

  it('reads the registry commands: /partner add, edit|program PARTNER, contract PARTNER [new] (issue 11)', () => {
    expect(parsePartnerCommand('add')).toEqual({ sub: 'add' });
    expect(parsePartnerCommand('Edit P1')).toEqual({ sub: 'edit', partnerId: 'P1' });
    expect(parsePartnerCommand('program P1')).toEqual({ sub: 'program', partnerId: 'P1' });
    expect(parsePartnerCommand('contract P1')).toEqual({ sub: 'contract', partnerId: 'P1', fresh: false });
    expect(parsePartnerCommand('contract P1 NEW')).toEqual({ sub: 'contract', partnerId: 'P1', fresh: true });
    for (const bad of ['add P1', 'edit', 'edit P1 P2', 'program', 'contract', 'contract P1 old', 'program P1 new']) expect({ bad, parsed: parsePartnerCommand(bad) }).toEqual({ bad, parsed: { sub: 'usage', of: 'manage' } });
  });

  it('takes evidence links one a line, ignoring blank lines and spaces', () => {
    expect(linkLines(' https://a.example/1 \r\n\n  https://b.example/2\n')).toEqual(['https://a.example/1', 'https://b.example/2']);
    expect(linkLines(null)).toEqual([]);
  });
});
