import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ItemOutcome } from '../application/compliance/index.ts';

export interface JsonLinesSummary {
  readonly lines: number;
  readonly results: number;
  readonly errors: number;
}

/** Output is gathered into chunks of about this size: one write per line would dominate the run time. */
const FLUSH_BYTES = 64 * 1024;

/**
 * Reads JSON Lines from `input` one line at a time (never the whole stream: millions of lines run in
 * bounded memory), checks each with `checkOne`, and writes one JSON line per input line, in order.
 * A line that is not JSON, fails its schema or cannot be evaluated gives
 * `{"id"?: …, "line": n, "error": "…"}` and the next lines go on. Blank lines are skipped but
 * counted, so `line` is always the input's own line number. Waits for the output to drain when it
 * is slower than the input, and stops quietly if the reader goes away (EPIPE).
 */
export async function checkJsonLines(input: Readable, output: Writable, checkOne: (item: unknown) => ItemOutcome<unknown>): Promise<JsonLinesSummary> {
  let closed = false;
  output.on('error', () => {
    closed = true;
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let results = 0;
  let errors = 0;
  let pending = '';

  const flush = async (): Promise<void> => {
    if (pending === '' || closed) return;
    const chunk = pending;
    pending = '';
    if (!output.write(chunk)) await Promise.race([once(output, 'drain'), once(output, 'close')]);
  };

  for await (const line of lines) {
    lineNumber += 1;
    if (closed) break;
    if (line.trim() === '') continue;
    let item: unknown;
    let outcome: ItemOutcome<unknown>;
    try {
      item = JSON.parse(line);
      outcome = checkOne(item);
    } catch (error) {
      outcome = { ok: false, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (outcome.ok) {
      results += 1;
      pending += `${JSON.stringify(outcome.value)}\n`;
    } else {
      errors += 1;
      const report = outcome.id === undefined ? { line: lineNumber, error: outcome.error } : { id: outcome.id, line: lineNumber, error: outcome.error };
      pending += `${JSON.stringify(report)}\n`;
    }
    if (pending.length >= FLUSH_BYTES) await flush();
  }
  await flush();
  return { lines: lineNumber, results, errors };
}
