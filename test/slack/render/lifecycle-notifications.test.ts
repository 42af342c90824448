import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../src/domain/notifications/notification.ts';
import { renderNotification } from '../../../src/slack/render/render-notification.ts';
import { allTexts } from './block-kit.ts';
import { allSamples } from './samples.ts';

const text = (kind: Notification['kind'], locale: 'en' | 'zh-CN', pick = 0) =>
  allTexts(renderNotification(allSamples().filter((n) => n.kind === kind)[pick]!, locale)).join('\n');

describe('what the assessment and policy messages say (issue 11)', () => {
  it('a downgrade names the period, the category, both levels and the day (R-ASSESS, §3.1.3)', () => {
    const en = text('assessment_applied', 'en');
    expect(en).toContain('After the FY27-Q2 assessment, *Partner One &amp; Sons* is now at level *silver* (was gold) as a Consulting and sales partner, from Thu 15 Oct 2026.');
    const zh = text('assessment_applied', 'zh-CN');
    expect(zh).toContain('考核结果：级别下调');
    expect(zh).toContain('咨询和销售伙伴');
  });

  it('a removal says the partner leaves the category', () => {
    expect(text('assessment_applied', 'en', 1)).toContain('is no longer a Service partner (was level gold)');
    expect(text('assessment_applied', 'zh-CN', 1)).toContain('解除合作分类');
  });

  it('the admins’ reminder lists each category’s assessments of the month and how to import the results', () => {
    const en = text('assessment_reminder', 'en');
    expect(en).toContain('• Consulting and sales: FY27-Q4, FY27');
    expect(en).toContain('• Service: FY27');
    expect(en).toContain('npm run --silent cli -- import assessments FILE.csv');
    expect(text('assessment_reminder', 'zh-CN')).toContain('• 产品和解决方案伙伴：FY27');
  });

  it('the policy announcement gives the version and the day it takes effect (R-ANNOUNCE)', () => {
    expect(text('policy_announced', 'en')).toContain('takes effect on *Wed 1 Jul 2026*');
    expect(text('policy_announced', 'zh-CN')).toContain('FY27');
    expect(text('policy_announced', 'zh-CN')).toContain('从旧兼从轻');
  });
});
