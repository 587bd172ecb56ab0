import { createPrintBatch } from '../application/messaging/create-print-batch.ts';
import { markBatchPosted } from '../application/messaging/mark-batch-posted.ts';
import type { CliCommand } from './command.ts';
import { cliActor, withMessaging } from './messaging-context.ts';

const usage = 'usage: amiable letters batch | posted BATCH_ID [--at ISO-INSTANT] | batches\n';

/** `amiable letters`: the daily print batch for the mailing house, and marking it posted. */
export const lettersCommand: CliCommand = {
  summary: 'letters [batch | posted BATCH_ID | batches]: daily print batch (PDF + CSV) and its posting',
  async run(args) {
    const [sub = '', ...rest] = args;
    return withMessaging(async (deps) => {
      switch (sub) {
        case 'batch': {
          const result = await createPrintBatch(deps, cliActor);
          process.stdout.write(`first letters queued: ${result.firstLetters.queued}\n`);
          for (const r of [...result.firstLetters.refused, ...result.refused]) process.stdout.write(`refused  case ${r.caseId}: ${r.reason}\n`);
          if (!result.batch) {
            process.stdout.write('no letter due\n');
            return 0;
          }
          const b = result.batch;
          process.stdout.write(`batch ${b.id} (${b.batchDate}): ${b.letterCount} letter(s), ${b.pageCount} page(s)\n  PDF: ${b.pdfPath}\n  CSV: ${b.csvPath}\n  sha256: ${b.pdfSha256}\n`);
          return 0;
        }
        case 'posted': {
          const batchId = rest[0];
          if (!batchId) {
            process.stderr.write(usage);
            return 2;
          }
          const atIndex = rest.indexOf('--at');
          const postedAt = atIndex >= 0 ? new Date(rest[atIndex + 1] ?? '') : undefined;
          if (postedAt && Number.isNaN(postedAt.getTime())) {
            process.stderr.write('amiable: --at must be an ISO 8601 instant\n');
            return 2;
          }
          const result = await markBatchPosted(deps, cliActor, { batchId, ...(postedAt ? { postedAt } : {}) });
          process.stdout.write(`batch ${batchId} posted: ${result.letters} letter(s), ${result.casesActivated} case(s) now active\n`);
          return 0;
        }
        case 'batches': {
          const batches = await deps.uow.run((repos) => repos.messaging.listBatches(20));
          for (const b of batches) process.stdout.write(`${b.id}  ${b.batchDate}  ${b.status.padEnd(6)}  ${b.letterCount} letter(s)  ${b.pdfPath}\n`);
          return 0;
        }
        default:
          process.stderr.write(usage);
          return 2;
      }
    });
  },
};
