import { z } from 'zod';

/** The database settings every entry point shares; parsed once from the environment. */
export const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./.data'),
});

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/** Never echo a URL's password: replace `user:secret@` with `user:***@`. */
export function redactSecrets(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s]+@/gi, '$1***@').replace(/\b(xox[abepr]|xapp)-[A-Za-z0-9-]+/g, '$1-***');
}
