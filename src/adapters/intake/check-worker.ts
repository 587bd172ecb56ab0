/**
 * Worker thread body of WorkerRowChecker: validates batches of records (pure CPU work: dates, money,
 * libphonenumber, the limitation engine) while the main thread writes the previous batch.
 */
import { parentPort } from 'node:worker_threads';
import { checkRecord } from '../../application/intake/import-portfolio.ts';
import type { SourceRecord } from '../../application/ports/intake.ts';
import type { CivilDate } from '../../domain/time/index.ts';

interface CheckRequest {
  readonly id: number;
  readonly records: readonly SourceRecord[];
  readonly keys: readonly (string | null)[];
  readonly asOf: CivilDate;
}

parentPort!.on('message', (request: CheckRequest) => {
  try {
    const results = request.records.map((record) => {
      const { reference, errors, claim } = checkRecord(record, request.keys, request.asOf);
      return { reference, errors, claim };
    });
    parentPort!.postMessage({ id: request.id, results });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) });
  }
});
