import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { fileComplaint } from '../../src/service/complaints/file-complaint.ts';
import { caseWorld, key, P1_CONTACT, type CaseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener, rowCounts } from '../support/service-fixtures.ts';

describeEachBackend('cli complaints (R-COMPLAINT)', (getDb) => {
  async function cli(w: CaseWorld, ...argv: string[]) {
    const c = captureIo();
    const code = await runCli(argv, {}, c.io, cliOpener(w));
    return { code, ...c };
  }
  const file = (w: CaseWorld, subject: string) => fileComplaint(w.cases, { key: key('c'), actor: P1_CONTACT, subject, text: 'What happened.', evidence: [] });

  it('lists complaints, --open only those unanswered; answer closes one and is idempotent', async () => {
    const w = await caseWorld(getDb());
    expect((await cli(w, 'complaints', 'list')).stdout()).toBe('No complaints.');
    await file(w, 'Rebate late');
    await file(w, 'Console down');
    const answered = await cli(w, 'complaints', 'answer', 'C-000001', '--text', 'Paid today.', '--json');
    expect([answered.code, answered.json()]).toEqual([0, { complaint_id: 'C-000001', state: 'answered', answered_at: '2026-06-01T12:00:00+08:00', late: false }]);
    // Again: the same result, nothing new written.
    const before = await rowCounts(w.db);
    expect((await cli(w, 'complaints', 'answer', 'C-000001', '--text', 'Paid today.', '--json')).json()).toEqual(answered.json());
    expect(await rowCounts(w.db)).toEqual(before);

    const all = (await cli(w, 'complaints', 'list', '--json')).json() as { complaint_id: string; state: string; answer_due: string; answered_by: string | null }[];
    expect(all.map((c) => [c.complaint_id, c.state, c.answer_due, c.answered_by])).toEqual([
      ['C-000001', 'answered', '2026-06-15T23:59:59+08:00', 'cli:test'],
      ['C-000002', 'filed', '2026-06-15T23:59:59+08:00', null],
    ]);
    const open = await cli(w, 'complaints', 'list', '--open');
    expect(open.stdout()).toBe('C-000002  P1 (Partner One)  filed  filed 2026-06-01T12:00:00+08:00, answer due 2026-06-15T23:59:59+08:00  Console down');
  });

  it('bad input: a clear message, exit code non-zero, nothing written', async () => {
    const w = await caseWorld(getDb());
    const before = await rowCounts(w.db);
    const missing = await cli(w, 'complaints', 'answer', 'C-000009', '--text', 'x');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr()).toContain('No complaint with id "C-000009"');
    const noText = await cli(w, 'complaints', 'answer', 'C-000001');
    expect(noText.stderr()).toContain('--text is required');
    expect(await rowCounts(w.db)).toEqual(before);
  });
});
