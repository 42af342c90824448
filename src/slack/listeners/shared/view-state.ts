import { z } from 'zod';

/**
 * A submitted modal's `state.values`, validated with zod: each block id →
 * action id → what the element holds. Readers return plain values so the
 * listeners stay free of Slack's shapes.
 */
const stateValue = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    files: z.array(z.object({ id: z.string() })).nullish(),
  })
  .loose();

const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValue));
type StateValues = z.infer<typeof viewStateSchema>;

export class FormState {
  private readonly values: StateValues;
  private constructor(values: StateValues) {
    this.values = values;
  }

  /** Unknown shapes read as empty: the use case then says what is missing, in words. */
  static of(raw: unknown): FormState {
    const parsed = viewStateSchema.safeParse(raw);
    return new FormState(parsed.success ? parsed.data : {});
  }

  private at(block: string, action: string) {
    return this.values[block]?.[action];
  }

  text(block: string, action: string): string {
    return this.at(block, action)?.value ?? '';
  }

  selected(block: string, action: string): string | undefined {
    return this.at(block, action)?.selected_option?.value ?? undefined;
  }

  date(block: string, action: string): string {
    return this.at(block, action)?.selected_date ?? '';
  }

  checked(block: string, action: string): string[] {
    return (this.at(block, action)?.selected_options ?? []).map((o) => o.value);
  }

  files(block: string, action: string): string[] {
    return (this.at(block, action)?.files ?? []).map((f) => f.id);
  }
}

/** `private_metadata` as the modal was opened with; a tampered or missing one reads as null. */
export function metadataOf<T>(raw: string | undefined, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
