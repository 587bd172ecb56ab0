import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the schema; they are applied at boot on both databases.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/adapters/db/schema.ts',
  out: './src/adapters/db/migrations',
});
