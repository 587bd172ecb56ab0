/** Writes the litigation hand-off bundle (a ZIP) from a case's file; reads stored documents. */
import type { CaseFile, PaymentRecord } from './payment-repository.ts';

export interface LitigationBundleWriter {
  write(input: { readonly file: CaseFile; readonly payments: readonly PaymentRecord[]; readonly documents: readonly { readonly name: string; readonly content: Buffer }[]; readonly generatedAt: Date }): Promise<Buffer>;
}

export interface DocumentReader {
  /** The stored file, or null when it is not (or no longer) there. */
  read(storageKey: string): Promise<Buffer | null>;
}
