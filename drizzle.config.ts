import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and applied unchanged on both
// back ends (PGlite and PostgreSQL); `generate` needs no database connection.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
