/**
 * Evidence files under `<data dir>/evidence/`: written to a temporary file in the same directory
 * (same file system, so the rename is atomic), checked, then renamed to a random name. A refused, too
 * large or interrupted upload removes its temporary file: no partial file remains. Files are mode
 * 0600, never served inline (the HTTP layer sends them as attachments with nosniff).
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../application/errors.ts';
import type { EvidenceStorage, StoredEvidence } from '../../application/ports/evidence-storage.ts';

const HEAD_BYTES = 16;

export class FileEvidenceStorage implements EvidenceStorage {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'evidence');
  }

  private pathOf(storageKey: string): string {
    if (!/^[a-f0-9]{32}\.bin$/.test(storageKey)) throw new AppError('not_found', 'Document not found');
    return path.join(this.dir, storageKey);
  }

  async store(body: AsyncIterable<Uint8Array>, maxBytes: number, check: (head: Uint8Array) => void): Promise<StoredEvidence> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = randomBytes(16).toString('hex');
    const temporary = path.join(this.dir, `.${name}.part`);
    const out = fs.createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
    const hash = createHash('sha256');
    const head = new Uint8Array(HEAD_BYTES);
    let size = 0;
    try {
      for await (const chunk of body) {
        const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBuffer);
        if (size < HEAD_BYTES) head.set(bytes.subarray(0, HEAD_BYTES - size), size);
        size += bytes.length;
        if (size > maxBytes) throw new AppError('payload_too_large', `A file may not exceed ${Math.round(maxBytes / 1024 / 1024)} MiB`);
        hash.update(bytes);
        if (!out.write(bytes)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      if (size === 0) throw new AppError('validation_failed', 'The file is empty');
      const first = head.subarray(0, Math.min(size, HEAD_BYTES));
      check(first);
      const storageKey = `${name}.bin`;
      await rename(temporary, path.join(this.dir, storageKey));
      return { storageKey, sizeBytes: size, sha256: hash.digest('hex'), head: first };
    } catch (error) {
      out.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(storageKey: string): Promise<void> {
    await rm(this.pathOf(storageKey), { force: true });
  }

  async read(storageKey: string): Promise<Buffer> {
    return readFile(this.pathOf(storageKey));
  }
}
