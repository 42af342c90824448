import type { CaseRow } from '../../db/schema/index.ts';
import { caseViewFor } from '../../domain/access/case-view-for.ts';
import { caseStageOf } from '../../domain/access/case-visibility.ts';
import type { Notification } from '../../domain/notifications/notification.ts';
import { enqueue, notifyPerson, type OutboxWriter } from '../outbox/enqueue.ts';

type CaseMessage = Extract<Notification, { case: unknown }>;

/**
 * The accused's defence (replies, objections, a lapse) goes to staff only
 * (R-CONFIDENTIAL): the officer who filed the case, or, for a partner's report,
 * the approvals channel, never the reporting partner.
 */
export async function tellStaffOfDefence(w: OutboxWriter, c: CaseRow, n: CaseMessage): Promise<void> {
  if (c.reporterPartnerId === null) await notifyPerson(w, c.reportedBy, c.id, n);
  else await enqueue(w, c.id, { type: 'channel', channel: 'approvals' }, n);
}

/**
 * The person who reported another partner hears what became of the report
 * (R-SCREEN, R-CONFIDENTIAL), seeing of the case only what a reporter may. A
 * staff report has no reporter to tell apart from staff.
 */
export async function tellReporter(w: OutboxWriter, c: CaseRow, n: CaseMessage): Promise<void> {
  if (c.reporterPartnerId === null) return;
  await notifyPerson(w, c.reportedBy, c.id, { ...n, case: caseViewFor(n.case, 'reporter', caseStageOf(c)) });
}
