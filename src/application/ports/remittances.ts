/** Ports of remittance statements (issue #7). Only src/adapters/db/remittance.repository.ts knows the SQL. */
import type { MandateLine } from '../../domain/remittance/index.ts';

export interface RemittanceEntryRow {
  readonly paymentId: string;
  readonly kind: 'collected' | 'reversal';
  readonly caseId: string;
  readonly creditorReference: string;
  readonly mandateId: string | null;
  readonly mandateReference: string | null;
  readonly commissionBps: number;
  readonly valueDate: string;
  readonly method: string;
  /** Signed: a reversal is negative. */
  readonly amountCents: number;
}

export interface RemittanceRecord {
  readonly creditorId: string;
  readonly creditorName: string;
  readonly id: string;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly status: 'issued' | 'paid';
  readonly collectedCents: number;
  readonly directCents: number;
  readonly reversedCents: number;
  readonly commissionCents: number;
  readonly payableCents: number;
  readonly summary: readonly MandateLine[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly paidOn: string | null;
  readonly paidAt: Date | null;
}

export interface HeldFundsRow {
  readonly creditorId: string;
  readonly creditorName: string;
  readonly valueDate: string;
  readonly amountCents: number;
}

export interface RemittanceRepository {
  /** Serialises remittances of one creditor (a row lock on the creditor). Returns its name, or null if unknown. */
  lockCreditor(creditorId: string): Promise<string | null>;
  /** Booked payments with a value date in the period not yet remitted, and reversals (up to `to`) of payments already remitted. */
  unremittedEntries(creditorId: string, from: string, to: string): Promise<RemittanceEntryRow[]>;
  insert(record: Omit<RemittanceRecord, 'creditorName' | 'createdAt' | 'paidOn' | 'paidAt' | 'status'>, items: readonly RemittanceEntryRow[], at: Date): Promise<void>;
  list(filter: { readonly creditorId?: string; readonly limit: number; readonly offset: number }): Promise<{ items: RemittanceRecord[]; total: number }>;
  find(id: string): Promise<RemittanceRecord | null>;
  items(creditorId: string, id: string): Promise<RemittanceEntryRow[]>;
  markPaid(creditorId: string, id: string, paidOn: string, by: string, at: Date): Promise<boolean>;
  /** Money the agency holds for creditors (booked, on its account, not in a paid remittance), summed per creditor and value date. */
  heldFunds(): Promise<HeldFundsRow[]>;
}
