/**
 * Ports of portfolio intake (issue #4): where records come from, and where batches go. The use case
 * makes every decision (validation, duplicates, debtor matching, changes); the store runs each batch in
 * one transaction that also advances the import's checkpoint (the exactly-once scheme,
 * docs/import-format.md).
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { CaseSnapshot } from '../../domain/intake/case-changes.ts';
import type { DebtorCandidate } from '../../domain/intake/debtor-identity.ts';
import type { Reason } from '../../domain/intake/reasons.ts';
import type { ClaimRow } from '../../domain/intake/validate-row.ts';

export type ImportFormat = 'csv' | 'jsonl';

/** One record as read from the file, before validation. */
export interface SourceRecord {
  /** Physical line of its first line (header = line 1 in CSV). */
  readonly line: number;
  readonly endLine: number;
  /** CSV: the cells in header order. */
  readonly cells?: readonly string[];
  /** JSON Lines: the fields by their own names. */
  readonly fields?: Readonly<Record<string, string>>;
  /** What to write back in the rejects file: the cells, or the JSON text. */
  readonly raw: readonly string[] | string;
  /** The record could not be read (bad CSV quoting, bad JSON). */
  readonly malformed?: string;
}

export interface ImportSource {
  readonly format: ImportFormat;
  readonly delimiter: string | null;
  /** CSV header cells as written; null for JSON Lines. */
  readonly header: readonly string[] | null;
  /** Records in file order, in chunks. */
  records(): AsyncIterable<readonly SourceRecord[]>;
  /** Bytes consumed so far, for progress and ETA. */
  bytesRead(): number;
}

export interface ImportFailure {
  readonly code: string;
  readonly message: { readonly en: string; readonly fr: string };
  readonly details?: Readonly<Record<string, unknown>>;
}

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface ImportCounts {
  readonly rowsSeen: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly refused: number;
  readonly prescribed: number;
  readonly flagged: number;
}

export const zeroCounts: ImportCounts = { rowsSeen: 0, created: 0, updated: 0, unchanged: 0, refused: 0, prescribed: 0, flagged: 0 };

export interface ImportRecord {
  readonly id: string;
  readonly creditorId: string;
  readonly idempotencyKey: string;
  readonly fileName: string;
  readonly contentSha256: string;
  readonly sizeBytes: number;
  readonly format: ImportFormat;
  readonly delimiter: string | null;
  readonly header: readonly string[] | null;
  readonly sourceKind: 'creditor_file' | 'creditor_api';
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly status: ImportStatus;
  readonly asOf: string;
  readonly checkpointLine: number;
  readonly counts: ImportCounts;
  readonly failure: ImportFailure | null;
  readonly ignoredColumns: readonly string[];
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

export type NewImport = Omit<ImportRecord, 'counts' | 'checkpointLine' | 'failure' | 'finishedAt' | 'updatedAt' | 'ignoredColumns'>;

export interface RowError {
  /** The column as named in the file's header (or the canonical key). */
  readonly column: string;
  readonly value: string;
  readonly code: string;
  readonly en: string;
  readonly fr: string;
}

export interface RejectedRow {
  readonly line: number;
  readonly creditorReference: string | null;
  readonly raw: readonly string[] | string;
  readonly errors: readonly RowError[];
}

export interface ExistingCase {
  readonly id: string;
  readonly creditorReference: string;
  readonly debtorId: string;
  readonly status: CaseStatus;
  readonly lastImportId: string | null;
  readonly lastImportLine: number | null;
  readonly snapshot: CaseSnapshot;
}

/** A stored debtor as matching sees it, with what the import may add to or change in it. */
export interface ExistingDebtor extends DebtorCandidate {
  /** Contact point keys `kind|value` it already has. */
  readonly contactKeys: readonly string[];
  readonly identity: Readonly<Record<string, string | null>>;
}

export interface Provenance {
  readonly kind: 'creditor_file' | 'creditor_api';
  readonly importId: string;
  readonly fileName: string;
  readonly creditorId: string;
  readonly at: Date;
}

export interface NewDebtor {
  readonly id: string;
  readonly identity: Readonly<Record<string, string | null>>;
  readonly nameKey: string;
  readonly matchKey: string | null;
  readonly needsReview: boolean;
}

export interface DebtorUpdate {
  readonly id: string;
  /** Identity fields to set (only those that changed), each recorded with this import as its source. */
  readonly set: Readonly<Record<string, string | null>>;
  readonly matchKey: string | null;
  readonly needsReview: boolean;
}

export interface NewContactPoint {
  readonly debtorId: string;
  readonly kind: 'phone' | 'email' | 'postal';
  readonly value: string;
  readonly phoneType: string | null;
  readonly postal: Readonly<Record<string, unknown>> | null;
  readonly territory: string | null;
  readonly isPrimary: boolean;
}

export interface CaseWrite {
  readonly id: string;
  readonly line: number;
  readonly debtorId: string;
  readonly claim: ClaimRow;
  readonly status: CaseStatus;
  readonly isNew: boolean;
}

export interface CaseEventWrite {
  readonly caseId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Who the history names; the import itself (`system`, `import:<id>`) when absent. */
  readonly actor?: { readonly kind: string; readonly id: string | null };
}

export interface ReportItem {
  readonly line: number;
  readonly kind: 'closed_prescribed' | 'limitation_soon' | 'homonym_review';
  readonly creditorReference: string;
  readonly caseId: string | null;
  readonly debtorId: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface BatchPlan {
  readonly provenance: Provenance;
  readonly newDebtors: readonly NewDebtor[];
  readonly debtorUpdates: readonly DebtorUpdate[];
  readonly contactPoints: readonly NewContactPoint[];
  readonly cases: readonly CaseWrite[];
  readonly events: readonly CaseEventWrite[];
  readonly rejects: readonly RejectedRow[];
  readonly reportItems: readonly ReportItem[];
  readonly checkpointLine: number;
  readonly counts: ImportCounts;
}

/** Reads and writes of one batch, inside one transaction. */
export interface IntakeBatch {
  /** Locks the import row and returns its committed checkpoint. */
  lockCheckpoint(): Promise<number>;
  findCases(references: readonly string[]): Promise<ExistingCase[]>;
  findRejectedReferences(references: readonly string[]): Promise<{ reference: string; line: number }[]>;
  findDebtors(nameKeys: readonly string[]): Promise<ExistingDebtor[]>;
  findDebtorsById(ids: readonly string[]): Promise<ExistingDebtor[]>;
  write(plan: BatchPlan): Promise<void>;
}

export interface ImportReportPage {
  readonly rejects: readonly RejectedRow[];
  readonly items: readonly ReportItem[];
  readonly rejectsTotal: number;
  readonly itemsTotal: number;
}

export interface IntakeStore {
  creditorExists(creditorId: string): Promise<boolean>;
  findImportByKey(creditorId: string, idempotencyKey: string): Promise<ImportRecord | null>;
  findImport(importId: string): Promise<ImportRecord | null>;
  /** Creates it, or returns the one a concurrent caller created with the same key. */
  createImport(record: NewImport): Promise<ImportRecord>;
  /** Exclusive right to run the import (released by `release`); false when another runner holds it. */
  acquireRun(importId: string): Promise<{ release(): Promise<void> } | null>;
  setHeader(creditorId: string, importId: string, header: { delimiter: string | null; header: readonly string[] | null; ignoredColumns: readonly string[] }): Promise<void>;
  runBatch<T>(creditorId: string, importId: string, work: (batch: IntakeBatch) => Promise<T>): Promise<T>;
  finish(creditorId: string, importId: string, status: 'completed' | 'failed', failure: ImportFailure | null, at: Date): Promise<ImportRecord>;
  reportPage(creditorId: string, importId: string, options: { limit: number; offset: number }): Promise<ImportReportPage>;
  /** Every refused row in line order, in pages, for the rejects file. */
  rejects(creditorId: string, importId: string): AsyncIterable<readonly RejectedRow[]>;
}

export type { Reason };
