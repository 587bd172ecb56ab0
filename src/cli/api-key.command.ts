/**
 * `amiable api-key create --creditor ID --scope imports:write [--scope imports:read] [--name NAME]`:
 * creates a creditor API key and prints it once (only its SHA-256 digest is stored).
 */
import { parseArgs } from 'node:util';
import { newId } from '../adapters/db/ids.ts';
import { DrizzleUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { CryptoSecrets } from '../adapters/security/crypto.secrets.ts';
import { systemClock } from '../adapters/system.clock.ts';
import { createApiKey } from '../application/api-keys/api-keys.ts';
import { AppError } from '../application/errors.ts';
import type { CliCommand } from './command.ts';
import { openConfiguredDatabase } from './configured-database.ts';

const usage = 'Usage: amiable api-key create --creditor ID --scope imports:write [--scope imports:read] [--name NAME]\n';

export const apiKeyCommand: CliCommand = {
  summary: 'api-key create --creditor ID --scope S: create a creditor API key (printed once)',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options: { creditor: { type: 'string' }, scope: { type: 'string', multiple: true }, name: { type: 'string' } } });
    } catch (error) {
      process.stderr.write(`amiable api-key: ${(error as Error).message}\n${usage}`);
      return 2;
    }
    if (parsed.positionals[0] !== 'create' || !parsed.values.creditor || !parsed.values.scope?.length) {
      process.stderr.write(usage);
      return 2;
    }
    const database = await openConfiguredDatabase();
    try {
      const created = await new DrizzleUnitOfWork(database.db).run(async (repos) => {
        const result = await createApiKey({ apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock: systemClock, newId }, {
          creditorId: parsed.values.creditor!, name: parsed.values.name ?? 'API key', scopes: parsed.values.scope!,
        });
        await repos.audit.append({
          at: systemClock.now(), actorKind: 'system', actorId: 'system:cli', action: 'api_key.created', entityType: 'api_key',
          entityId: result.record.id, creditorId: result.record.creditorId, data: { name: result.record.name, prefix: result.record.prefix, scopes: result.record.scopes },
        });
        return result;
      });
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`API key ${created.record.id} (${created.record.scopes.join(', ')}) for creditor ${created.record.creditorId}: store it now, it is not shown again.\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`amiable api-key: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      await database.close();
    }
  },
};
