import { z } from 'zod';
import { searchPartners } from '../../../db/repositories/partners.repository.ts';
import { loadAccess } from '../../../service/access/actor.ts';
import { actorOf } from '../../slack-context.ts';
import { cut, option } from '../../render/views/blocks.ts';
import type { Make, SuggestionArgs } from '../shared/types.ts';

const typed = z.string().trim().max(100).catch('');

/**
 * The partner picker (external_select): partners whose name or id contains
 * what was typed. Only people who may report (staff, partner contacts) get
 * names; the answer must come within 3 s, so an error answers with nothing.
 */
export const partnerOptions: Make<SuggestionArgs> = (ctx) => async ({ ack, body, options }) => {
  try {
    const access = await loadAccess(ctx.cases.db, actorOf(body.user.id));
    if (access.roles.size === 0 && access.partnerIds.length === 0) return await ack({ options: [] });
    const rows = await searchPartners(ctx.cases.db, typed.parse(options.value), 50);
    await ack({ options: rows.map((p) => option(cut(`${p.name} (${p.id})`, 75), p.id)) });
  } catch (e) {
    ctx.logger.error('partner search failed', { userId: body.user.id, error: e instanceof Error ? e.message : String(e) });
    await ack({ options: [] });
  }
};
