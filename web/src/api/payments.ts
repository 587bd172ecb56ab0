import { api, uploadFile } from './client.ts';

export interface Payment {
  id: string;
  caseId: string;
  amountCents: number;
  currency: string;
  valueDate: string;
  method: string;
  source: string;
  externalRef: string | null;
  status: 'booked' | 'reversed';
  allocation: { applications: { itemId: string; component: string; amount: number }[]; unappliedCents: number; balanceAfterCents: number };
}

export interface Booking {
  payment: Payment;
  created: boolean;
  statusBefore: string;
  statusAfter: string;
  cancelledMessages: string[];
  receiptId: string | null;
  certificateId: string | null;
  warnings: string[];
}

export interface BankImport {
  id: string;
  fileName: string;
  format: string;
  statementCount: number;
  transactionCount: number;
  duplicateCount: number;
  bookedCount: number;
  unmatchedCount: number;
  reversedCount: number;
  importedAt: string;
}

export interface BankTransaction {
  id: string;
  direction: 'credit' | 'debit';
  amountText: string;
  currency: string;
  valueDate: string | null;
  rfReference: string | null;
  remittance: string | null;
  payerName: string | null;
  returnReason: string | null;
  status: string;
  note: string | null;
  suggestions: { caseId: string; score: number; reasons: string[] }[];
}

export const paymentsApi = {
  book: (caseId: string, body: { amountCents: number; valueDate: string; method: string; reference?: string }) => api.post<Booking>(`/api/v1/cases/${caseId}/payments`, body),
  list: (caseId: string) => api.get<{ items: Payment[] }>(`/api/v1/cases/${caseId}/payments`),
  cardProvider: () => api.get<{ name: string; label: string; isTest: boolean }>('/api/v1/payments/card-provider'),
  imports: () => api.get<{ items: BankImport[] }>('/api/v1/bank-statements?limit=20'),
  upload: (file: File) => uploadFile<{ import: BankImport; alreadyImported: boolean }>(`/api/v1/bank-statements?fileName=${encodeURIComponent(file.name)}`, file, 'application/xml'),
  unmatched: () => api.get<{ items: BankTransaction[]; total: number }>('/api/v1/bank-transactions?status=unmatched&limit=100'),
  assign: (id: string, caseId: string) => api.post<BankTransaction>(`/api/v1/bank-transactions/${id}/resolution`, { action: 'assign', caseId }),
  ignore: (id: string, note: string) => api.post<BankTransaction>(`/api/v1/bank-transactions/${id}/resolution`, { action: 'ignore', note }),
};

/** "12,34" or "12.34" or "12" → 1234 cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
