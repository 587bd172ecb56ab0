import fs from 'node:fs';
import path from 'node:path';
import { CamtReader } from '../adapters/payments/camt.reader.ts';
import { importBankStatement } from '../application/payments/import-bank-statement.ts';
import type { CliCommand } from './command.ts';
import { cliActor, withMessaging } from './messaging-context.ts';

const usage = 'usage: amiable bank import FILE.xml [FILE.xml…]\n';

/** `amiable bank import`: imports camt.053 / camt.054 files and reconciles them (the same file twice changes nothing). */
export const bankCommand: CliCommand = {
  summary: 'bank import FILE…: import camt.053/054 bank files and reconcile them',
  async run(args) {
    const [sub, ...files] = args;
    if (sub !== 'import' || files.length === 0) {
      process.stderr.write(usage);
      return 2;
    }
    return withMessaging(async (deps) => {
      const reader = new CamtReader();
      for (const file of files) {
        const result = await importBankStatement({ ...deps, reader }, cliActor, { fileName: path.basename(file), content: fs.readFileSync(file) });
        const i = result.import;
        process.stdout.write(`${path.basename(file)}: ${result.alreadyImported ? 'already imported, nothing changed' : 'imported'} (${i.format}, ${i.statementCount} statement(s), `
          + `${i.transactionCount} transaction(s): ${i.bookedCount} booked, ${i.reversedCount} return(s) applied, ${i.unmatchedCount} unmatched, ${i.duplicateCount} already known)\n`);
      }
      return 0;
    });
  },
};
