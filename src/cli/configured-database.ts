import { openDatabase, type Database } from '../adapters/db/open-database.ts';
import { loadConfig } from '../server/config.ts';

/** The database the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded one. */
export function openConfiguredDatabase(): Promise<Database> {
  const config = loadConfig();
  return openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir });
}
