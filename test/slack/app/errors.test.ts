import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { jsonLogger } from '../../../src/logger.ts';
import { userMessage } from '../../../src/slack/errors.ts';
import { translator } from '../../../src/messages/i18n.ts';

const en = { t: translator('en'), locale: 'en' as const };
const zh = { t: translator('zh-CN'), locale: 'zh-CN' as const };

function logs() {
  const lines: string[] = [];
  return { lines, logger: jsonLogger((l) => lines.push(l)) };
}

describe('what a person reads when something is refused or fails', () => {
  it('says who decided and when, in the reader’s language, when a determination was already decided', () => {
    const e = new DomainError('determination.already_decided', 'Already approved by slack:U0APPROVER at …', { status: 'approved', decidedBy: 'slack:U0APPROVER', decidedAt: '2026-06-01T12:03:09+08:00' });
    expect(userMessage(e, en, logs().logger).text).toBe('Nothing changed: this determination was already approved by <@U0APPROVER> at Mon 1 Jun 2026, 12:03:09 (Beijing time).');
    expect(userMessage(e, zh, logs().logger).text).toBe('未作更改：该认定已由 <@U0APPROVER> 于 2026年6月1日（周一） 12:03:09（北京时间） 处理（已批准）。');
  });

  it('names the missing role and what it allows', () => {
    const e = new DomainError('access.missing_role', '<@U1> needs the approver role …', { role: 'approver', permission: 'determination.decide' });
    expect(userMessage(e, en, logs().logger).text).toBe('You need the approver role to approve or reject a determination. Ask an admin to grant it.');
  });

  it('says where a case stands when a step comes out of order', () => {
    const e = new DomainError('case.step_out_of_order', '…', { caseId: 'V-000003', state: 'closed', action: 'reply' });
    expect(userMessage(e, en, logs().logger).text).toBe('Case V-000003 is closed; it cannot take a reply now.');
  });

  it('passes the field a refusal is about on to the modal', () => {
    expect(userMessage(new DomainError('report.facts_empty', 'x', { field: 'facts' }), en, logs().logger)).toMatchObject({ field: 'facts', code: 'report.facts_empty' });
    expect(userMessage(new DomainError('input.bad_date', 'x'), en, logs().logger).field).toBe('occurred_on');
  });

  it('falls back to the use case’s own sentence, escaped, for a code without a translation, and logs it', () => {
    const { lines, logger } = logs();
    const m = userMessage(new DomainError('brand.new_code', 'Partner <!here> said no & left'), zh, logger);
    expect(m.text).toBe('Partner &lt;!here&gt; said no &amp; left');
    expect(lines.join()).toContain('no translation for an error code');
  });

  it('apologises with a reference for anything unexpected, and logs it without a stack trace reaching the person', () => {
    const { lines, logger } = logs();
    const m = userMessage(new TypeError('cannot read properties of undefined'), en, logger, { action: 'reply_accept' });
    expect(m.text).toMatch(/^Sorry, something went wrong on our side\. .*reference: [0-9a-f]{8}\.$/);
    expect(m.text).not.toContain('TypeError');
    const ref = /reference: ([0-9a-f]{8})/.exec(m.text)![1]!;
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', ref, action: 'reply_accept', error: 'TypeError: cannot read properties of undefined' });
  });

  it('the registry’s refusals (issue 11) read in both languages, with the partner, program and term they name, escaped', () => {
    const codes = ['invalid', 'bad_form', 'no_category', 'partner_exists', 'changed_under_you', 'partner_exited', 'category_in_use', 'contract_overlap', 'already_in_program', 'not_in_program'];
    for (const f of [en, zh]) {
      for (const code of codes) {
        const { lines, logger } = logs();
        const m = userMessage(new DomainError(`registry.${code}`, 'x', { partnerId: 'P_1', program: 'Cloud *MSP*', startsOn: '2026-04-01', endsOn: '2027-03-31', reason: 'level is empty' }), f, logger);
        expect({ code, locale: f.locale, untranslated: lines.length }).toEqual({ code, locale: f.locale, untranslated: 0 });
        expect(m.text).not.toMatch(/\{\{|\*MSP\*/);
      }
    }
    expect(userMessage(new DomainError('registry.changed_under_you', 'x', { partnerId: 'P3' }), en, logs().logger).text).toBe('Someone changed P3 since you opened this form, so nothing was saved. Open the form again to see the change.');
  });
});
