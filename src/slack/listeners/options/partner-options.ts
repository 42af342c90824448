import { z } from 'zod';
import { searchPartners } from '../../../db/repositories/partners.repository.ts';
import { mayPickPartner } from '../../../domain/access/case-visibility.ts';
import { reportsAs } from '../../../domain/access/reporting-as.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { actorOf } from '../../slack-context.ts';
import { clip, LIMITS } from '../../render/limits.ts';
import { option } from '../../render/views/blocks.ts';
import type { Make, SuggestionArgs } from '../shared/types.ts';

// PostgreSQL text holds no NUL: one typed would fail the search instead of matching nothing.
const typed = z.string().trim().max(100).transform((s) => s.replaceAll('\u0000', '')).catch('');

/**
 * The partner picker (external_select): partners whose name or id contains
 * what was typed. Only people who may report get names, and only partners
 * they may report (R-EVIDENCE: a contact never its own partner); the answer
 * must come within 3 s, so an error answers with nothing.
 */
export const partnerOptions: Make<SuggestionArgs> = (ctx) => async ({ ack, body, options }) => {
  try {
    const access = await loadAccess(ctx.cases.db, actorOf(body.user.id));
    if (reportsAs(access) === null) return await ack({ options: [] });
    const rows = (await searchPartners(ctx.cases.db, typed.parse(options.value), 50 + access.partnerIds.length)).filter((p) => mayPickPartner(access, p.id)).slice(0, 50);
    await ack({ options: rows.map((p) => option(clip(`${p.name} (${p.id})`, LIMITS.optionText), p.id)) });
  } catch (e) {
    ctx.logger.error('partner search failed', { userId: body.user.id, error: e instanceof Error ? e.message : String(e) });
    await ack({ options: [] });
  }
};
