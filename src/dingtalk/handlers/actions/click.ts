import { z } from 'zod';
import type { CardAction } from '../../inbound.ts';
import { DomainError } from '../../../domain/errors.ts';
import { actorOf, fmtFor, type DingTalkHandlerDeps, type Fmt } from '../context.ts';
import type { Actor } from '../../../service/access/actor.ts';
import { linkLines } from '../../../service/input/chat-input.ts';
import type { EvidenceInput } from '../../../service/cases/evidence.ts';

/** What every card-button handler needs: who clicked, their words, this click's key, what the button and the card's inputs carry. */
export interface Click {
  userId: string;
  actor: Actor;
  f: Fmt;
  /** One click, one key: a re-push of the same callback acts at most once (the use case's idempotency). */
  key: string;
  outTrackId: string;
  params: Record<string, unknown>;
}

export async function clickOf(deps: DingTalkHandlerDeps, a: CardAction): Promise<Click> {
  return {
    userId: a.userId,
    actor: actorOf(a.userId),
    // A card click says no language: the stored preference, else the one the card was made in (its `locale` param).
    f: await fmtFor(deps, a.userId, a.params.locale === 'en' ? 'en' : 'zh-CN'),
    key: `dingtalk:card:${a.deliveryId}`,
    outTrackId: a.outTrackId,
    params: a.params,
  };
}

/** The card inputs a button may carry: free text and evidence links (a TEXT_ARRAY or lines). */
const inputsSchema = z.object({
  text: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  grounds: z.string().optional().catch(undefined),
  links: z.union([z.array(z.string()), z.string().transform((s) => linkLines(s))]).optional().catch(undefined),
});

export function cardText(c: Click, name: 'text' | 'reason' | 'grounds'): string | undefined {
  return inputsSchema.parse(c.params)[name];
}

export function cardEvidence(c: Click): EvidenceInput[] {
  return (inputsSchema.parse(c.params).links ?? []).flatMap((l) => linkLines(l)).map((ref) => ({ kind: 'link' as const, ref }));
}

/** The button's value (`params.value`), checked; a tampered or stale one is refused in words (`input.bad_button`). */
export function buttonValue<T>(schema: z.ZodType<T>, c: Click): T {
  const parsed = schema.safeParse(c.params.value ?? '');
  if (!parsed.success) throw new DomainError('input.bad_button', 'That button no longer works; open the case again.');
  return parsed.data;
}
