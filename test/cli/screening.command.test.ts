import { expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { caseWorld, type CaseWorld } from '../support/case-fixtures.ts';
import { describeEachBackend } from '../support/databases.ts';
import { captureIo, cliOpener } from '../support/service-fixtures.ts';
import { A_LINK, addressed, givenOtherPartner, messages, P2_CONTACT, report, stateOf } from '../service/cases/case-steps.ts';

async function cli(w: CaseWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w, 'cli:ops'));
  return { code, ...c };
}

describeEachBackend('screening a partner’s report from the CLI (R-SCREEN)', (getDb) => {
  it('`cases dismiss` needs a reason, tells the reporter only, and `cases show` says why', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const { caseId } = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    const bare = await cli(w, 'cases', 'dismiss', caseId, '--json');
    expect(bare.code).toBe(1);
    expect(bare.json()).toMatchObject({ error: { code: 'cli.usage' } });
    const done = await cli(w, 'cases', 'dismiss', caseId, '--reason', 'Evidence predates the contract', '--json');
    expect(done.code).toBe(0);
    expect(done.json()).toEqual({ case_id: caseId, dismissed: true });
    expect(await stateOf(w, caseId)).toBe('dismissed');
    const sent = await messages(w.db, caseId);
    expect(addressed(sent)).toEqual(['partner_report_received → #approvals', 'report_screened → U0PARTNER2', `partner_report_screened → update #${sent[0]!.id}`]);
    const shown = await cli(w, 'cases', 'show', caseId, '--json');
    expect(shown.json()).toMatchObject({ state: 'dismissed', screening: { outcome: 'dismissed', reason: 'Evidence predates the contract' } });
  });

  it('`cases notice` takes a report up: the accused is sent the notice, the reporter told', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const { caseId } = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    const done = await cli(w, 'cases', 'notice', caseId, '--json');
    expect(done.code).toBe(0);
    expect(done.json()).toEqual({ case_id: caseId, reply_due: '2026-06-04T23:59:59+08:00', provisional: false });
    const sent = await messages(w.db, caseId);
    expect(addressed(sent).slice(1)).toEqual(['suspected_violation → U0PARTNER1', 'report_screened → U0PARTNER2', `partner_report_screened → update #${sent[0]!.id}`]);
  });
});
