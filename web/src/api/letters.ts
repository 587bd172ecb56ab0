import { api } from './client.ts';

export type Channel = 'letter' | 'sms' | 'email';

export interface TemplateSummary {
  id: string;
  title: { fr: string; en: string };
  channels: Channel[];
  purpose: string;
  firstLetter: boolean;
  asksForPayment: boolean;
}

export interface Finding {
  rule: string;
  source: string;
  mention?: string;
  message: { fr: string; en: string };
}

export interface Preview {
  findings: Finding[];
  subject: string | null;
  text: string;
  html: string | null;
}

export interface OutboxMessage {
  id: string;
  caseId: string;
  channel: Channel;
  template: string;
  recipient: string;
  status: 'pending' | 'sending' | 'sent' | 'refused' | 'failed' | 'cancelled';
  lastError: string | null;
  decision: { allowed: boolean; reasons: { rule: string; message: { fr: string; en: string } }[]; nextAllowedAt: string | null } | null;
  verificationCode: string | null;
  letterReference: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface PrintBatch {
  id: string;
  batchDate: string;
  status: 'ready' | 'posted';
  letterCount: number;
  pageCount: number;
  postedAt: string | null;
}

export const lettersApi = {
  templates: () => api.get<{ items: TemplateSummary[] }>('/api/v1/templates'),
  preview: (template: string, channel: Channel, locale: string, caseId: string) =>
    api.get<Preview>(`/api/v1/templates/${template}/preview?channel=${channel}&locale=${locale}${caseId ? `&caseId=${encodeURIComponent(caseId)}` : ''}`),
  previewPdfUrl: (template: string, locale: string, caseId: string) =>
    `/api/v1/templates/${template}/preview.pdf?locale=${locale}${caseId ? `&caseId=${encodeURIComponent(caseId)}` : ''}`,
  outbox: () => api.get<{ items: OutboxMessage[]; total: number }>('/api/v1/outbox?limit=100'),
  message: (id: string) => api.get<{ message: OutboxMessage; caught: { recipient: string; subject: string | null; text: string } | null }>(`/api/v1/outbox/${id}`),
  dispatch: () => api.post<{ claimed: number }>('/api/v1/outbox/dispatch'),
  batches: () => api.get<{ items: PrintBatch[] }>('/api/v1/letters/batches'),
  createBatch: () => api.post<{ batch: PrintBatch | null; refused: unknown[] }>('/api/v1/letters/batches'),
  markPosted: (id: string) => api.post<unknown>(`/api/v1/letters/batches/${id}/posted`, {}),
};
