/**
 * Import files on disk (the CLI's file, or an HTTP upload spooled to disk): one streaming pass to hash
 * the content and check that it is UTF-8 (with the line and column of the first bad byte), then a
 * streaming reader of CSV or JSON Lines records. Memory stays bounded by the read chunk and one batch.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { ImportFormat, ImportSource, SourceRecord } from '../../application/ports/intake.ts';
import { CsvTokenizer, DEFAULT_MAX_RECORD_CHARS, detectDelimiter } from './csv-tokenizer.ts';
import { readJsonLine } from './jsonl.ts';

const CHUNK_BYTES = 1024 * 1024;

export interface FileScan {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly encodingError: { readonly line: number; readonly column: number; readonly byte: number } | null;
}

/** Length of an incomplete UTF-8 sequence at the end of `bytes` (0 when it ends on a boundary). */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that breaks UTF-8 in `bytes`. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    if (length > 1 && !isUtf8(bytes.subarray(i, i + length))) return i; // overlongs, surrogates
    i += length;
  }
  return bytes.length;
}

const isCharStart = (byte: number) => (byte & 0xc0) !== 0x80;

export async function scanFile(filePath: string): Promise<FileScan> {
  const hash = createHash('sha256');
  let size = 0;
  let lines = 0;
  let columnChars = 0;
  let carry: Buffer = Buffer.alloc(0);
  let encodingError: FileScan['encodingError'] = null;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    if (encodingError) continue;
    const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const tail = incompleteTail(bytes);
    const body = tail ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      let newlines = 0;
      let lastNewline = -1;
      for (let i = body.indexOf(10); i !== -1 && i < at; i = body.indexOf(10, i + 1)) {
        newlines += 1;
        lastNewline = i;
      }
      let column = newlines ? 0 : columnChars;
      for (let i = lastNewline + 1; i < at; i++) if (isCharStart(body[i]!)) column += 1;
      encodingError = { line: lines + newlines + 1, column: column + 1, byte: body[at]! };
      continue;
    }
    const lastNewline = body.lastIndexOf(10);
    for (let i = body.indexOf(10); i !== -1; i = body.indexOf(10, i + 1)) lines += 1;
    if (lastNewline !== -1) columnChars = 0;
    for (let i = lastNewline + 1; i < body.length; i++) if (isCharStart(body[i]!)) columnChars += 1;
    carry = tail ? Buffer.from(bytes.subarray(bytes.length - tail)) : Buffer.alloc(0);
  }
  if (!encodingError && carry.length > 0) {
    encodingError = { line: lines + 1, column: columnChars + 1, byte: carry[0]! };
  }
  return { sha256: hash.digest('hex'), sizeBytes: size, encodingError };
}

/** JSON Lines by name (.jsonl, .ndjson) or content type; CSV otherwise. */
export function formatOf(fileName: string, contentType?: string | null): ImportFormat {
  if (contentType && /ndjson|jsonl|json-lines/i.test(contentType)) return 'jsonl';
  if (contentType && /csv/i.test(contentType)) return 'csv';
  return /\.(jsonl|ndjson)$/i.test(fileName) ? 'jsonl' : 'csv';
}

/** Records come out in chunks of about this many. */
const RECORDS_PER_CHUNK = 2000;

export async function openFileSource(filePath: string, format: ImportFormat): Promise<ImportSource> {
  const stream = fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES });
  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  let first = true;
  const nextText = async (): Promise<string | null> => {
    const next = await chunks.next();
    if (next.done) {
      const rest = decoder.decode();
      return rest === '' ? null : rest;
    }
    bytesRead += next.value.length;
    let text = decoder.decode(next.value, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    return text;
  };
  if (format === 'jsonl') return jsonLinesSource(nextText, () => bytesRead, () => stream.destroy());

  // CSV: the separator comes from the header line, so read until it is complete.
  let pendingText = '';
  let delimiter: ';' | ',' | '\t' | null = null;
  for (;;) {
    const newline = pendingText.indexOf('\n');
    if (newline !== -1) {
      delimiter = detectDelimiter(pendingText.slice(0, newline));
      break;
    }
    const text = await nextText();
    if (text === null) {
      if (pendingText.trim() !== '') delimiter = detectDelimiter(pendingText);
      break;
    }
    pendingText += text;
  }
  if (delimiter === null) {
    stream.destroy();
    return { format: 'csv', delimiter: null, header: null, bytesRead: () => bytesRead, async *records() {} };
  }
  const tokenizer = new CsvTokenizer(delimiter);
  let ready = tokenizer.push(pendingText);
  let ended = false;
  while (ready.length === 0 && !ended) {
    const text = await nextText();
    if (text === null) {
      ready = tokenizer.end();
      ended = true;
    } else {
      ready = tokenizer.push(text);
    }
  }
  const headerRecord = ready.shift();
  const header = headerRecord && !headerRecord.error ? headerRecord.cells.map((c) => c.trim()) : null;
  const toSource = (r: { line: number; endLine: number; cells: string[]; error?: string }): SourceRecord =>
    (r.error === undefined ? { line: r.line, endLine: r.endLine, cells: r.cells, raw: r.cells } : { line: r.line, endLine: r.endLine, cells: r.cells, raw: r.cells, malformed: r.error });
  return {
    format: 'csv', delimiter, header, bytesRead: () => bytesRead,
    async *records() {
      try {
        let out: SourceRecord[] = ready.map(toSource);
        while (!ended) {
          const text = await nextText();
          const records = text === null ? tokenizer.end() : tokenizer.push(text);
          if (text === null) ended = true;
          for (const r of records) out.push(toSource(r));
          if (out.length >= RECORDS_PER_CHUNK || ended) {
            if (out.length) yield out;
            out = [];
          }
        }
        if (out.length) yield out;
      } finally {
        stream.destroy();
      }
    },
  };
}

function jsonLinesSource(nextText: () => Promise<string | null>, bytesRead: () => number, close: () => void): ImportSource {
  return {
    format: 'jsonl', delimiter: null, header: null, bytesRead,
    async *records() {
      let rest = '';
      let line = 0;
      let skipping = false;
      try {
        for (;;) {
          const text = await nextText();
          const done = text === null;
          let buffer = rest + (text ?? '');
          rest = '';
          if (skipping) {
            // Still inside an over-long line, already refused: drop it up to its end.
            const newline = buffer.indexOf('\n');
            if (newline === -1) {
              if (done) return;
              continue;
            }
            buffer = buffer.slice(newline + 1);
            skipping = false;
            line += 1;
          }
          const lines = buffer.split('\n');
          rest = done ? '' : lines.pop() ?? '';
          const out: SourceRecord[] = [];
          for (const raw of lines) {
            line += 1;
            const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
            if (body.trim() === '') continue;
            const parsed = readJsonLine(body);
            out.push(parsed.ok ? { line, endLine: line, fields: parsed.fields, raw: body } : { line, endLine: line, raw: body, malformed: parsed.error });
          }
          if (rest.length > DEFAULT_MAX_RECORD_CHARS) {
            // A line this long is refused without being held in memory; reading resumes after it.
            out.push({ line: line + 1, endLine: line + 1, raw: rest.slice(0, 1000), malformed: `line longer than ${DEFAULT_MAX_RECORD_CHARS} characters` });
            rest = '';
            skipping = true;
          }
          if (out.length) yield out;
          if (done) return;
        }
      } finally {
        close();
      }
    },
  };
}
