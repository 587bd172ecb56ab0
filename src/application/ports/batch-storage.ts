/** Where print batches (PDF + CSV manifest) are kept for the mailing house to download. */
export interface BatchStorage {
  pdfPath(batchId: string): string;
  writeManifest(batchId: string, csv: string): Promise<string>;
  sha256(filePath: string): Promise<string>;
  remove(filePath: string): Promise<void>;
}
