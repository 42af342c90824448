import { caseRef } from '../../render/words.ts';
import { formatDateTime } from '../../../messages/format.ts';
import { cat, tr, type Inline } from '../../../messages/inline.ts';
import { reportViolation } from '../../../service/cases/report-violation.ts';
import type { CardAnswer } from '../card-answer.ts';
import type { DingTalkHandlerDeps } from '../context.ts';
import { dingtalkUserMessage } from '../errors.ts';
import { errorVar, REPORT_FIELDS, reportFormOf, reportKey, type ReportField } from '../report-card.ts';
import { toPlain } from '../../render/to-markdown.ts';
import type { Click } from './click.ts';

/**
 * The report card submitted: the same use case and checks as Slack's report
 * modal (R-EVIDENCE for partner reporters included). An error goes back in
 * the 2-second answer, under the field it is about, and nothing is written;
 * success turns the card into "filed V-…".
 */
export async function reportSubmit(deps: DingTalkHandlerDeps, c: Click): Promise<CardAnswer> {
  const form = reportFormOf(c.params);
  const { t, locale } = c.f;
  const cleared = Object.fromEntries(REPORT_FIELDS.map((k) => [errorVar(k), '']));
  try {
    const r = await reportViolation(deps.cases, { key: reportKey(c.outTrackId, form), actor: c.actor, ...form });
    const text: Inline = r.replyDue
      ? cat(tr(t, 'report.doneStaff', { caseId: caseRef(r.caseId), due: formatDateTime(r.replyDue, locale) }), r.provisional ? ` ${t('common.provisional')}` : '')
      : tr(t, 'report.donePartner', { caseId: caseRef(r.caseId) });
    return { cardData: { cardParamMap: { ...cleared, status: 'filed', title: t('dingtalk.report.filedTitle'), caseId: r.caseId, message: toPlain(text) } } };
  } catch (e) {
    const m = dingtalkUserMessage(e, c.f, deps.logger, { action: 'reportSubmit', userId: c.userId });
    const field = (REPORT_FIELDS as readonly string[]).includes(m.field ?? '') ? (m.field as ReportField) : undefined;
    const message = field ? t('dingtalk.report.fixErrors') : toPlain(m.text);
    return { cardData: { cardParamMap: { ...cleared, status: 'error', message, ...(field ? { [errorVar(field)]: toPlain(m.text) } : {}) } } };
  }
}
