/** Opens the configured database and the messaging wiring for one CLI command, then closes them. */
import { DataDirLockedError } from '../adapters/db/data-dir-lock.ts';
import { openDatabase } from '../adapters/db/open-database.ts';
import type { MessagingDeps } from '../application/messaging/messaging-deps.ts';
import { AppError } from '../application/errors.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { buildMessagingDeps } from '../server/messaging.ts';

export const cliActor = { kind: 'system', name: 'cli' } as const;

export async function withMessaging(run: (deps: MessagingDeps) => Promise<number>): Promise<number> {
  let database;
  try {
    const config = loadConfig();
    database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir });
    return await run(buildMessagingDeps(config, database));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError) {
      process.stderr.write(`amiable: ${error.message}\n`);
      if (error instanceof AppError && error.details.findings) process.stderr.write(`${JSON.stringify(error.details.findings, null, 2)}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database?.close();
  }
}
