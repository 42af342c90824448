import { apiUsageOfMonth } from '../../db/repositories/dingtalk.repository.ts';
import { usageMonthOf } from '../../dingtalk/usage-meter.ts';
import { DomainError } from '../../domain/errors.ts';
import { parseCommandArgs } from '../args.ts';
import type { Command } from '../command.ts';

const usage = 'dingtalk usage [--month YYYY-MM] [--quota N] [--json]';

/**
 * The free edition's monthly quota of metered OpenAPI calls per organisation.
 * Issue 12 reported 5,000; DingTalk's own help centre (dingtalk.com/qidian/
 * help-detail-1061621972.html, checked 2026-12) quotes the over-quota answer as
 * "调用量：10001次，额度：10000次", so 10,000 it is. DingTalk counts by natural
 * month, only metered APIs count, and past it answers 90020 /
 * Forbidden.AccessDenied.ApiCountLimitForOrg. Give --quota for another edition.
 */
export const FREE_EDITION_MONTHLY_QUOTA = 10000;

/** From this share on, the text says the quota is close. */
const WARN_SHARE = 0.8;

export const dingtalkUsageCommand: Command = {
  name: 'dingtalk usage',
  usage,
  summary: "the month's DingTalk OpenAPI calls per API against the monthly quota",
  async run(ctx, args) {
    const { values } = parseCommandArgs(args, { month: { type: 'string' }, quota: { type: 'string' } }, usage);
    const month = values.month ?? usageMonthOf(ctx.clock.now());
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new DomainError('cli.usage', `--month must be a month such as 2026-05, not "${month}". Usage: ${usage}`);
    const quotaText = values.quota ?? String(FREE_EDITION_MONTHLY_QUOTA);
    if (!/^[1-9]\d{0,9}$/.test(quotaText)) throw new DomainError('cli.usage', `--quota must be a whole number of calls above 0, not "${quotaText}". Usage: ${usage}`);
    const quota = Number(quotaText);
    const byApi = await apiUsageOfMonth(ctx.database.db, month);
    const calls = byApi.reduce((n, r) => n + r.calls, 0);
    const share = calls / quota;
    const json = { month, quota, calls, remaining: Math.max(0, quota - calls), share: Math.round(share * 1000) / 1000, by_api: byApi };
    const width = Math.max(0, ...byApi.map((r) => r.api.length));
    const state = calls >= quota ? ' — QUOTA REACHED: DingTalk refuses metered calls until next month' : share >= WARN_SHARE ? ' — close to the quota' : '';
    const text = [
      `DingTalk OpenAPI calls in ${month} (Asia/Shanghai): ${calls} of ${quota} (${(share * 100).toFixed(1)}%), ${json.remaining} left${state}`,
      ...(byApi.length === 0 ? ['  no calls recorded'] : byApi.map((r) => `  ${r.api.padEnd(width)}  ${r.calls}`)),
    ].join('\n');
    return { json, text };
  },
};
