import type { ViewResponseAction } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { jsonLogger } from '../../../src/logger.ts';
import { translator } from '../../../src/messages/i18n.ts';
import { submitModal, type Submission } from '../../../src/slack/listeners/shared/submission.ts';
import type { SlackContext } from '../../../src/slack/slack-context.ts';

const f = { t: translator('en'), locale: 'en' as const };

function harness(run: () => Promise<{ caseId: string }>, budgetMs = 1000) {
  const acks: (ViewResponseAction | undefined)[] = [];
  const dms: { channel: string; text: string }[] = [];
  const logs: string[] = [];
  const ctx = { logger: jsonLogger((l) => logs.push(l)) } as unknown as SlackContext;
  const client = { chat: { postMessage: async (m: { channel: string; text: string }) => void dms.push(m) } } as unknown as Submission<{ caseId: string }>['client'];
  const s: Submission<{ caseId: string }> = {
    ctx,
    f: Promise.resolve(f),
    ack: async (r) => void acks.push(r),
    client,
    userId: 'U1',
    run,
    fields: { facts: 'facts', terminate: 'terminate' },
    present: ['facts', 'reasons'],
    fallbackBlock: 'reasons',
    done: (r) => ({ title: 'Done', text: `Case ${r.caseId} recorded` }),
    where: { view: 'test' },
    budgetMs,
  };
  return { s, acks, dms, logs };
}

const later = <T>(ms: number, v: T | Error): Promise<T> => new Promise<T>((resolve, reject) => setTimeout(() => (v instanceof Error ? reject(v) : resolve(v)), ms));

describe('answering a modal submission within Slack’s 3 seconds', () => {
  it('turns the modal into a confirmation when the use case answers in time', async () => {
    const h = harness(async () => ({ caseId: 'V-000001' }));
    await submitModal(h.s);
    expect(h.acks).toEqual([{ response_action: 'update', view: expect.objectContaining({ type: 'modal', blocks: [expect.objectContaining({ text: expect.objectContaining({ text: 'Case V-000001 recorded' }) })] }) }]);
  });

  it('shows a refusal under its field, and under the main field when that field is not in this modal', async () => {
    const facts = harness(() => Promise.reject(new DomainError('report.facts_empty', 'x', { field: 'facts' })));
    await submitModal(facts.s);
    expect(facts.acks).toEqual([{ response_action: 'errors', errors: { facts: 'Describe the facts of the violation.' } }]);
    const terminate = harness(() => Promise.reject(new DomainError('determination.terminate_not_class1', 'x', { field: 'terminate' })));
    await submitModal(terminate.s);
    expect(terminate.acks).toEqual([{ response_action: 'errors', errors: { reasons: 'Only a class-1 sanction can end the partnership (R-P1).' } }]);
  });

  it('closes the modal at once when the use case is slow, then sends the outcome by DM', async () => {
    const h = harness(() => later(150, { caseId: 'V-000009' }), 30);
    const started = Date.now();
    await submitModal(h.s);
    expect(h.acks).toEqual([undefined]);
    expect(h.dms).toEqual([expect.objectContaining({ channel: 'U1', text: 'Case V-000009 recorded' })]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(h.logs.join()).toContain('submission slower than the ack budget');
  });

  it('sends a slow refusal by DM too, in words', async () => {
    const h = harness(() => later<{ caseId: string }>(80, new DomainError('reply.deadline_passed', 'x', { caseId: 'V-000002' })), 20);
    await submitModal(h.s);
    expect(h.acks).toEqual([undefined]);
    expect(h.dms[0]!.text).toBe(':warning: The reply deadline of case V-000002 has passed.');
  });
});
