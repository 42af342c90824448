import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/domain/notifications/notification.ts';
import { ACTIONS } from '../../../src/slack/action-ids.ts';
import { locales, type Locale } from '../../../src/messages/i18n.ts';
import { LIMITS } from '../../../src/slack/render/limits.ts';
import { renderNotification } from '../../../src/slack/render/render-notification.ts';
import { allTexts, buttons, fieldTexts, headerTexts, sectionTexts } from './block-kit.ts';
import { allSamples, CASE, DECISION } from './samples.ts';

const NOW = new Date('2026-06-02T14:00:00+08:00');

/** The buttons each notification must carry: [action id, value]. */
function expectedButtons(n: Notification): [string, string][] {
  const caseId = 'case' in n ? n.case.caseId : 'caseId' in n ? n.caseId : '';
  switch (n.kind) {
    case 'suspected_violation':
      return [[ACTIONS.replyAccept, caseId], [ACTIONS.replyDispute, caseId]];
    case 'deadline_reminder':
      return n.deadline === 'reply' ? [[ACTIONS.replyAccept, caseId], [ACTIONS.replyDispute, caseId]] : [[ACTIONS.objectOpen, caseId]];
    case 'partner_report_received':
      return [[ACTIONS.noticeSend, caseId], [ACTIONS.dismissOpen, caseId]];
    case 'reply_recorded':
      return [[ACTIONS.determineOpen, caseId]];
    case 'determination_requested':
      return [[ACTIONS.determinationApprove, String(n.determinationId)], [ACTIONS.determinationReject, String(n.determinationId)]];
    case 'processing_notice':
      return [[ACTIONS.objectOpen, caseId]];
    case 'objection_recorded':
      return [[ACTIONS.answerOpen, caseId]];
    case 'complaint_filed':
    case 'complaint_reminder':
      return [[ACTIONS.complaintAnswerOpen, n.complaint.complaintId]];
    default:
      return [];
  }
}

const table = allSamples().flatMap((n) => locales.map((locale) => ({ n, locale, name: `${n.kind} (${describeSample(n)}) in ${locale}` })));

function describeSample(n: Notification): string {
  if (n.kind === 'reply_recorded') return n.reply;
  if (n.kind === 'determination_requested') return n.purpose;
  if (n.kind === 'determination_decided') return n.approved ? 'approved' : 'rejected';
  if (n.kind === 'deadline_reminder') return `${n.deadline} ${n.when}`;
  if (n.kind === 'payment_due') return n.when;
  if (n.kind === 'objection_answered') return n.outcome;
  if (n.kind === 'suspension_lifted') return n.reason;
  if (n.kind === 'assessment_applied') return n.outcome;
  return 'sample';
}

describe('every notification renders as a Slack message within Block Kit limits', () => {
  it.each(table)('$name', ({ n, locale }) => {
    const m = renderNotification(n, locale, NOW);

    expect(m.text.trim()).not.toBe('');
    expect(m.blocks.length).toBeGreaterThan(0);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const s of sectionTexts(m.blocks)) expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
    for (const f of fieldTexts(m.blocks)) {
      expect(f.length).toBeLessThanOrEqual(LIMITS.fields);
      for (const t of f) expect(t.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    for (const h of headerTexts(m.blocks)) expect(h.length).toBeLessThanOrEqual(LIMITS.headerText);
    const seen = buttons(m.blocks);
    for (const b of seen) expect(b.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
    expect(seen.map((b) => [b.actionId, b.value])).toEqual(expectedButtons(n));
    // A missing translation shows up as its key.
    for (const t of allTexts(m)) expect(t).not.toMatch(/notification\.[a-z_]+\./);
  });

  it('writes the message in the reader’s language', () => {
    const [notice] = allSamples().filter((n) => n.kind === 'suspected_violation');
    expect(renderNotification(notice!, 'zh-CN').blocks).toContainEqual(expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: '疑似违规通知' }) }));
    expect(renderNotification(notice!, 'en').blocks).toContainEqual(expect.objectContaining({ type: 'header', text: expect.objectContaining({ text: 'Notice of suspected violation' }) }));
  });
});

describe('what the messages say', () => {
  const render = (kind: Notification['kind'], locale: Locale, pick = 0) => {
    const n = allSamples().filter((x) => x.kind === kind)[pick]!;
    return allTexts(renderNotification(n, locale, NOW)).join('\n');
  };

  it('the suspected-violation notice gives the reply deadline as a Shanghai date and time, and says incentives are suspended', () => {
    const en = render('suspected_violation', 'en');
    expect(en).toContain('Thu 4 Jun 2026, 23:59:59 (Beijing time)');
    expect(en).toContain('Suspended while the case is open');
    expect(en).toContain('https://example.com/screenshot.png');
    expect(en).toContain(CASE.facts);
    const zh = render('suspected_violation', 'zh-CN');
    expect(zh).toContain('2026年6月4日（周四） 23:59:59（北京时间）');
    expect(zh).toContain('暂停发放');
  });

  it('the partner is told when incentives are suspended (since when) and when and why the suspension lifts (R-SUSPEND)', () => {
    const suspended = render('incentives_suspended', 'en');
    expect(suspended).toContain('Incentive payouts suspended');
    expect(suspended).toContain('Tue 2 Jun 2026, 10:00 (Beijing time)');
    expect(render('incentives_suspended', 'zh-CN')).toContain('暂停向 *Partner');
    expect(render('suspension_lifted', 'en', 0)).toContain('Staff lifted the suspension.');
    expect(render('suspension_lifted', 'en', 1)).toContain('The case was dismissed');
    expect(render('suspension_lifted', 'en', 2)).toContain('The decision is paid in full');
    expect(render('suspension_lifted', 'en', 0)).toContain('Wed 3 Jun 2026, 09:30 (Beijing time)');
    expect(render('suspension_lifted', 'zh-CN', 0)).toContain('工作人员已解除暂停');
    expect(render('suspension_lifted', 'zh-CN', 1)).toContain('违规不成立');
    expect(render('suspension_lifted', 'zh-CN', 2)).toContain('全部履行');
  });

  it('the processing notice shows the class, penalty, restrictions with end dates and each rule step', () => {
    const en = render('processing_notice', 'en');
    expect(en).toContain('Class 2');
    expect(en).toContain('CNY 10,000.00');
    expect(en).toContain('No upgrade: from Mon 1 Jun 2026, lifted on Tue 1 Sep 2026 (R-RESTRICT §5.5.6)');
    expect(en).toContain('*R-P2*');
    expect(en).toContain('V-000007, V-000042');
    expect(en).toContain('CNY 3,000.00');
    const zh = render('processing_notice', 'zh-CN');
    expect(zh).toContain('人民币 10,000.00 元');
    expect(zh).toContain('违规处理通知书');
  });

  it('a determination request shows the proposer, the fast track and the engine’s explanation', () => {
    const en = render('determination_requested', 'en');
    expect(en).toContain('<@U0OFFICER>');
    expect(en).toMatch(/Fast track\*\nYes/);
    expect(en).toContain('*R-P2*');
    expect(en).toContain('counted (2): V-000007, V-000042');
  });

  it('a decided determination says who decided and when, and has no buttons left', () => {
    const n = allSamples().find((x) => x.kind === 'determination_decided')!;
    const m = renderNotification(n, 'en', NOW);
    expect(allTexts(m).join('\n')).toContain('Approved by <@U0APPROVER>, Mon 1 Jun 2026, 12:00 (Beijing time)');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('the public notice (通报) is in both languages whatever the reader’s locale, naming partner, violation, class and sanction', () => {
    const n = allSamples().find((x) => x.kind === 'public_notice')!;
    const en = renderNotification(n, 'en', NOW);
    expect(renderNotification(n, 'zh-CN', NOW)).toEqual(en);
    const text = allTexts(en).join('\n');
    for (const s of ['违规处理通报', 'Violation notice', 'Partner One &amp; Sons (P1)', CASE.itemTextZh, CASE.itemTextEn, '二类违规', 'Class 2', '违约金 人民币 10,000.00 元', 'Penalty of CNY 10,000.00']) {
      expect(text).toContain(s);
    }
  });

  it('a class-3 sanction without penalty is announced as a warning, and a termination is named', () => {
    const n: Notification = { kind: 'public_notice', case: { ...CASE, itemClass: 3 }, decision: { ...DECISION, baseClass: 3, finalClass: 3, amount: '0.00' }, noticeDate: '2026-06-01' };
    expect(allTexts(renderNotification(n, 'en')).join('\n')).toMatch(/Sanction\*\nWarning/);
    const t: Notification = { ...n, decision: { ...DECISION, baseClass: 1, finalClass: 1, amount: '100000.00', terminated: true } };
    expect(allTexts(renderNotification(t, 'en')).join('\n')).toContain('Penalty of CNY 100,000.00; Partnership terminated');
  });

  it('late fees add up in decimal', () => {
    const n: Notification = { kind: 'late_fee_accruing', case: CASE, owed: '0.10', lateFee: '0.20', since: '2026-09-02' };
    expect(allTexts(renderNotification(n, 'en')).join('\n')).toContain('*CNY 0.30*');
  });

  it('the approval reminder says how long the proposal has waited when it knows the time', () => {
    expect(render('approval_waiting', 'en')).toContain('(26 h ago)');
  });
});

describe('long content stays within Slack’s limits', () => {
  const huge = {
    ...CASE,
    partnerName: 'P&'.repeat(300),
    facts: '&<>'.repeat(2500),
    evidence: Array.from({ length: 300 }, (_, i) => ({ kind: 'link' as const, ref: `https://example.com/${'x&'.repeat(200)}${i}`, purpose: 'report' as const, addedBy: 'slack:U0OFFICER', addedAt: '2026-05-21T10:00:00+08:00' })),
  };
  const longDecision = {
    ...DECISION,
    steps: Array.from({ length: 60 }, () => DECISION.steps[0]!).map((s) => ({ ...s, counted: Array.from({ length: 40 }, (_, i) => `V-${i}`), reason: '&'.repeat(3000) })),
    restrictions: Array.from({ length: 60 }, () => DECISION.restrictions[0]!),
    notes: Array.from({ length: 30 }, () => 'n'.repeat(500)),
  };

  it.each(allSamples(huge, longDecision).flatMap((n) => locales.map((locale) => ({ n, locale, kind: n.kind }))))('$kind in $locale', ({ n, locale }) => {
    const m = renderNotification(n, locale, NOW);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    for (const s of sectionTexts(m.blocks)) expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
    for (const f of fieldTexts(m.blocks).flat()) expect(f.length).toBeLessThanOrEqual(LIMITS.fieldText);
    for (const t of allTexts(m)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    // Clipping never leaves half an entity behind.
    for (const t of allTexts(m)) expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(buttons(m.blocks)).toEqual(expect.arrayContaining(expectedButtons(n).map(([actionId, value]) => expect.objectContaining({ actionId, value }))));
  });
});
