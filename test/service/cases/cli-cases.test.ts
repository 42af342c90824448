import { expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { findCase } from '../../../src/service/cases/case-record.ts';
import { decideDetermination } from '../../../src/service/cases/decide-determination.ts';
import { replyToNotice } from '../../../src/service/cases/partner-replies.ts';
import { proposeDetermination } from '../../../src/service/cases/propose-determination.ts';
import { caseWorld, key, OFFICER, P1_CONTACT, type CaseWorld } from '../../support/case-fixtures.ts';
import { describeEachBackend } from '../../support/databases.ts';
import { captureIo, cliOpener, domainErrorOf } from '../../support/service-fixtures.ts';
import { A_FILE, A_LINK, addressed, auditActions, closeObjectionWindow, determine, givenOtherPartner, messages, P2_CONTACT, report, WINDOW_CLOSES } from './case-steps.ts';

async function cli(w: CaseWorld, ...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, {}, c.io, cliOpener(w, 'cli:ops'));
  return { code, ...c };
}

interface ListedCase { id: string; state: string; partner_id: string; item_id: string; reply_due: string | null }

describeEachBackend('the operator’s case commands (`cli cases`, `cli roles`, `cli audit verify`)', (getDb) => {
  it('`cases list --json` lists newest first and filters by open, state and partner', async () => {
    const w = await caseWorld(getDb());
    const older = await report(w);
    await determine(w, older.caseId, { established: false });
    w.clock.advance(60_000);
    const newer = await report(w, { itemId: 'SVC-17' });

    const all = await cli(w, 'cases', 'list', '--json');
    expect(all.code).toBe(0);
    const j = all.json<{ total: number; cases: ListedCase[] }>();
    expect(j.total).toBe(2);
    expect(j.cases.map((c) => [c.id, c.state])).toEqual([[newer.caseId, 'awaiting_reply'], [older.caseId, 'dismissed']]);
    expect(j.cases[0]).toMatchObject({ partner_id: 'P1', partner_name: 'Partner One', item_id: 'SVC-17', reply_due: '2026-06-04T23:59:59+08:00' });

    expect((await cli(w, 'cases', 'list', '--open', '--json')).json<{ cases: ListedCase[] }>().cases.map((c) => c.id)).toEqual([newer.caseId]);
    expect((await cli(w, 'cases', 'list', '--state', 'dismissed', '--json')).json<{ cases: ListedCase[] }>().cases.map((c) => c.id)).toEqual([older.caseId]);
    expect((await cli(w, 'cases', 'list', '--partner', 'P2', '--json')).json()).toEqual({ total: 0, cases: [] });
    const badState = await cli(w, 'cases', 'list', '--state', 'lost', '--json');
    expect(badState.code).toBe(1);
    expect(badState.json()).toMatchObject({ error: { code: 'cli.usage' } });
  });

  it('`cases show --json` gives the whole record: evidence, replies, determinations, open deadlines and messages', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'dispute', text: 'Not us', evidence: [A_FILE] });
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Logs say otherwise' });

    const shown = await cli(w, 'cases', 'show', r.caseId, '--json');
    expect(shown.code).toBe(0);
    const j = shown.json<Record<string, unknown>>();
    expect(j).toMatchObject({
      id: r.caseId, partner_id: 'P1', item_id: 'SVC-09', state: 'determination_proposed', reported_by: 'slack:U0OFFICER', reply_due: WINDOW_CLOSES, reply_due_provisional: false,
      evidence: [{ purpose: 'report', kind: 'link' }, { purpose: 'dispute', kind: 'file', ref: 'F0PROOF123', added_by: 'slack:U0PARTNER1' }],
      replies: [{ kind: 'dispute', text: 'Not us', by: 'slack:U0PARTNER1' }],
      determinations: [{ id: p.determinationId, purpose: 'determination', status: 'proposed', proposed_by: 'slack:U0OFFICER', decided_by: null, fast_track: false }],
      open_deadlines: [{ kind: 'approval_waiting', due: '2026-06-02T12:00:00+08:00', provisional: false }],
    });
    expect((j.messages as { kind: string }[]).map((m) => m.kind)).toEqual(['suspected_violation', 'reply_recorded', 'determination_requested']);
    const text = await cli(w, 'cases', 'show', r.caseId);
    expect(text.stdout()).toContain(`${r.caseId}: Partner One (P1), SVC-09, occurred 2026-05-20`);

    const missing = await cli(w, 'cases', 'show', 'V-999999', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json()).toEqual({ error: { code: 'case.not_found', message: 'No case V-999999.' } });
  });

  it('`roles grant` and `roles revoke` decide who may approve, and each change is audited', async () => {
    const w = await caseWorld(getDb());
    const newcomer = { platform: 'slack', userId: 'U0NEWAPPR' };
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    const refused = await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: newcomer, determinationId: p.determinationId, approve: true }));
    expect(refused).toMatchObject({ code: 'access.missing_role', details: { role: 'approver' } });

    const granted = await cli(w, 'roles', 'grant', 'U0NEWAPPR', 'approver', '--json');
    expect(granted.code).toBe(0);
    expect(granted.json()).toEqual({ user: 'U0NEWAPPR', role: 'approver', changed: true });
    expect((await cli(w, 'roles', 'grant', 'U0NEWAPPR', 'approver')).stdout()).toBe('U0NEWAPPR already has approver');
    expect((await cli(w, 'roles', 'list', '--json')).json<{ roles: unknown[] }>().roles).toContainEqual({ platform: 'slack', userId: 'U0NEWAPPR', role: 'approver' });

    const revoked = await cli(w, 'roles', 'revoke', 'U0NEWAPPR', 'approver', '--json');
    expect(revoked.json()).toEqual({ user: 'U0NEWAPPR', role: 'approver', changed: true });
    expect((await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: newcomer, determinationId: p.determinationId, approve: true }))).code).toBe('access.missing_role');
    await cli(w, 'roles', 'grant', 'U0NEWAPPR', 'approver');
    expect(await decideDetermination(w.cases, { key: key(), actor: newcomer, determinationId: p.determinationId, approve: true })).toMatchObject({ approved: true, decidedBy: 'slack:U0NEWAPPR' });

    const unknown = await cli(w, 'roles', 'grant', 'U0NEWAPPR', 'wizard', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.json()).toMatchObject({ error: { code: 'roles.unknown' } });
    expect((await auditActions(w.db, 'slack:U0NEWAPPR'))).toEqual(['role.granted', 'role.revoked', 'role.granted']);
  });

  it('`roles grant dingtalk:0123 officer` names a DingTalk person (issue 12); slack: and a bare id stay Slack; an unknown platform is refused', async () => {
    const w = await caseWorld(getDb());
    const granted = await cli(w, 'roles', 'grant', 'dingtalk:0123', 'approver', '--json');
    expect(granted.code).toBe(0);
    const roles = (await cli(w, 'roles', 'list', '--json')).json<{ roles: unknown[] }>().roles;
    expect(roles).toContainEqual({ platform: 'dingtalk', userId: '0123', role: 'approver' });
    expect(roles).not.toContainEqual({ platform: 'slack', userId: '0123', role: 'approver' });
    const r = await report(w);
    const p = await proposeDetermination(w.cases, { key: key(), actor: OFFICER, caseId: r.caseId, established: true, terminate: false, reasons: 'Clear' });
    // The same id on Slack is another person and holds nothing.
    expect((await domainErrorOf(decideDetermination(w.cases, { key: key(), actor: { platform: 'slack', userId: '0123' }, determinationId: p.determinationId, approve: true }))).code).toBe('access.missing_role');
    expect(await decideDetermination(w.cases, { key: key(), actor: { platform: 'dingtalk', userId: '0123' }, determinationId: p.determinationId, approve: true })).toMatchObject({ approved: true, decidedBy: 'dingtalk:0123' });
    await cli(w, 'roles', 'grant', 'slack:U0PREFIXED', 'finance');
    expect((await cli(w, 'roles', 'list', '--json')).json<{ roles: unknown[] }>().roles).toContainEqual({ platform: 'slack', userId: 'U0PREFIXED', role: 'finance' });
    expect((await cli(w, 'roles', 'revoke', 'dingtalk:0123', 'approver', '--json')).json()).toMatchObject({ changed: true });
    const before = await auditActions(w.db, 'teams:U1');
    const bad = await cli(w, 'roles', 'grant', 'teams:U1', 'officer', '--json');
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ error: { code: 'roles.bad_platform' } });
    expect(await auditActions(w.db, 'teams:U1')).toEqual(before);
  });

  it('`cases suspend` and `cases lift` hold and release the partner’s incentives as the operator, and `standing` shows since when (R-SUSPEND)', async () => {
    const w = await caseWorld(getDb());
    await givenOtherPartner(w);
    const waiting = await report(w, { actor: P2_CONTACT, evidence: [A_LINK] });
    const early = await cli(w, 'cases', 'suspend', waiting.caseId, '--json');
    expect(early.code).toBe(1);
    expect(early.json()).toMatchObject({ error: { code: 'suspension.before_notice' } });

    const r = await report(w);
    w.clock.set('2026-06-02T09:00:00+08:00');
    const suspended = await cli(w, 'cases', 'suspend', r.caseId, '--json');
    expect(suspended.code).toBe(0);
    expect(suspended.json()).toEqual({ case_id: r.caseId, suspended: true, since: '2026-06-02T09:00:00+08:00', changed: true });
    expect(await findCase(w.db, r.caseId)).toMatchObject({ suspended: true, suspendedBy: 'cli:ops' });
    w.clock.advance(60_000);
    expect((await cli(w, 'cases', 'suspend', r.caseId)).stdout()).toBe(`${r.caseId}: incentive payouts were already suspended, since 2026-06-02T09:00:00+08:00.`);
    expect(addressed((await messages(w.db, r.caseId)).filter((m) => m.kind === 'incentives_suspended'))).toEqual(['incentives_suspended → U0PARTNER1']);

    const standing = await cli(w, 'standing', '--partner', 'P1', '--json');
    expect(standing.json<{ incentives_suspended: unknown[] }>().incentives_suspended).toEqual([{ case_id: r.caseId, since: '2026-06-02T09:00:00+08:00', by: 'cli:ops' }]);
    expect((await cli(w, 'standing', '--partner', 'P1')).stdout()).toContain(`Incentives suspended (R-SUSPEND): ${r.caseId} since 2026-06-02T09:00:00+08:00 by cli:ops`);
    expect((await cli(w, 'cases', 'show', r.caseId, '--json')).json()).toMatchObject({ suspended: true, suspended_since: '2026-06-02T09:00:00+08:00', suspended_by: 'cli:ops' });

    const lifted = await cli(w, 'cases', 'lift', r.caseId);
    expect(lifted.code).toBe(0);
    expect(lifted.stdout()).toBe(`${r.caseId}: suspension lifted; the partner is told.`);
    expect((await messages(w.db, r.caseId)).filter((m) => m.kind === 'suspension_lifted').map((m) => m.payload)).toMatchObject([{ reason: 'staff' }]);
    w.clock.advance(60_000);
    expect((await cli(w, 'cases', 'lift', r.caseId, '--json')).json()).toEqual({ case_id: r.caseId, suspended: false, since: null, changed: false });
    expect((await cli(w, 'standing', '--partner', 'P1')).stdout()).toContain('Incentives suspended (R-SUSPEND): no');
    expect((await auditActions(w.db, r.caseId)).slice(-2)).toEqual(['case.suspended', 'case.suspension_lifted']);

    const usage = await cli(w, 'cases', 'lift', '--json');
    expect(usage.code).toBe(1);
    expect(usage.json()).toMatchObject({ error: { code: 'cli.usage' } });
  });

  it('`audit verify --json` after a whole case: every step is on an intact hash chain', async () => {
    const w = await caseWorld(getDb());
    const r = await report(w);
    await replyToNotice(w.cases, { key: key(), actor: P1_CONTACT, caseId: r.caseId, kind: 'accept' });
    await determine(w, r.caseId);
    await closeObjectionWindow(w);
    const verified = await cli(w, 'audit', 'verify', '--json');
    expect(verified.code).toBe(0);
    const j = verified.json<{ ok: boolean; events: number; head: string }>();
    expect(j.ok).toBe(true);
    expect(j.events).toBe((await auditActions(w.db)).length);
    expect(j.head).toMatch(/^[0-9a-f]{64}$/);
  });
});
