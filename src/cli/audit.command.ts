/**
 * `amiable audit verify`: walks the hash-chained audit log and names the first row that does not
 * verify (modified, deleted, or a deleted tail). Prints the head hash so an operator can record it
 * somewhere the database's owner cannot write (ADR 0003). Exit code 0 when intact, 4 when broken.
 */
import { verifyAuditChain } from '../adapters/db/audit-log.repository.ts';
import { openDatabase } from '../adapters/db/open-database.ts';
import { auditHead } from '../adapters/db/schema.ts';
import { loadConfig } from '../server/config.ts';
import type { CliCommand } from './command.ts';

export const auditCommand: CliCommand = {
  summary: 'audit verify [--json]: check the hash chain of the audit log and name the first broken row',
  async run(args) {
    if (args[0] !== 'verify') {
      process.stderr.write('usage: amiable audit verify [--json]\n');
      return 2;
    }
    const json = args.includes('--json');
    const config = loadConfig();
    const database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolSize: 2 } : { kind: 'embedded', dataDir: config.dataDir });
    try {
      const result = await verifyAuditChain(database.db);
      const [head] = await database.db.select().from(auditHead);
      if (json) {
        process.stdout.write(`${JSON.stringify({ ...result, headHash: head?.lastHash ?? null, headSeq: head?.lastSeq ?? null })}\n`);
      } else if (result.ok) {
        process.stdout.write(`audit log intact: ${result.rows} rows; head row ${head?.lastSeq ?? 0}, hash ${head?.lastHash ?? ''}\n`);
      } else {
        process.stdout.write(`audit log BROKEN at row ${result.brokenAtSeq ?? '?'}: ${result.reason} (${result.rows} rows read)\n`);
      }
      return result.ok ? 0 : 4;
    } finally {
      await database.close();
    }
  },
};
