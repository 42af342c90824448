import { clickOf } from '../shared/button.ts';
import { caseListPage } from '../shared/list.ts';
import { buttonValue, filterFromValue, listPageValueSchema } from '../shared/parse.ts';
import { replyError, replyPrivately } from '../shared/reply.ts';
import type { ButtonArgs, Make } from '../shared/types.ts';

/** `/violation list`'s previous / next page: the ephemeral list is replaced in place. */
export const listPageAction: Make<ButtonArgs> = (ctx) => async (args) => {
  await args.ack();
  const c = await clickOf(ctx, args);
  try {
    const v = buttonValue(listPageValueSchema, safeJson(args.action.value));
    await replyPrivately(ctx, c.to, await caseListPage(ctx, c.f, c.userId, filterFromValue(v.f), v.p), { replaceOriginal: true });
  } catch (e) {
    await replyError(ctx, c.to, c.f, e, c.where);
  }
};

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
