/** Print batches on disk, under `AMIABLE_LETTERS_DIR` (default `<data dir>/letters`). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BatchStorage } from '../../application/ports/batch-storage.ts';

export class FileBatchStorage implements BatchStorage {
  constructor(private readonly dir: string) {}

  private ensureDir(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  pdfPath(batchId: string): string {
    this.ensureDir();
    return path.join(this.dir, `batch-${batchId}.pdf`);
  }

  async writeManifest(batchId: string, csv: string): Promise<string> {
    this.ensureDir();
    const file = path.join(this.dir, `batch-${batchId}.csv`);
    await fs.promises.writeFile(file, csv, { encoding: 'utf8', mode: 0o600 });
    return file;
  }

  async sha256(filePath: string): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  async remove(filePath: string): Promise<void> {
    await fs.promises.rm(filePath, { force: true });
  }
}
