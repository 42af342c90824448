import { bigint, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** One row per imported file; the same file (by SHA-256) is imported once per kind. */
export const imports = pgTable(
  'imports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileName: text('file_name').notNull(),
    rowCount: integer('row_count').notNull(),
    actor: text('actor').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('imports_kind_file_sha256_unique').on(t.kind, t.fileSha256)],
);

export type ImportRow = typeof imports.$inferSelect;
