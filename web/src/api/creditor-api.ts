/** Creditor API keys, webhooks and remittance statements (issue #7 part B). */
import { api } from './client.ts';

export interface Creditor { id: string; name: string }
export interface ApiKey { id: string; creditorId: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
export interface Subscription { id: string; creditorId: string; url: string; description: string | null; eventTypes: string[]; secretHint: string; active: boolean; createdAt: string }
export interface Delivery {
  id: string; creditorId: string; subscriptionId: string; url: string; messageId: string; eventType: string; caseId: string;
  status: 'pending' | 'succeeded' | 'failed'; attempts: number; nextAttemptAt: string; lastAttemptAt: string | null; lastResponseStatus: number | null; lastError: string | null;
}
export interface Remittance {
  id: string; creditorId: string; creditorName: string; periodFrom: string; periodTo: string; status: 'issued' | 'paid';
  collectedCents: number; directCents: number; reversedCents: number; commissionCents: number; payableCents: number; paidOn: string | null;
}
export interface RemittanceAlert { creditorId: string; creditorName: string; heldCents: number; overdueCents: number; oldestCollectedOn: string; deadline: string; daysOverdue: number }

const query = (params: Record<string, string | null | undefined>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
};

export const creditorApi = {
  creditors: () => api.get<{ items: Creditor[] }>('/api/v1/creditors'),
  apiKeys: (creditorId: string | null) => api.get<{ items: ApiKey[]; scopes: string[] }>(`/api/v1/api-keys${query({ creditorId })}`),
  createApiKey: (body: { creditorId: string; name: string; scopes: string[] }) => api.post<{ key: string; apiKey: ApiKey }>('/api/v1/api-keys', body),
  revokeApiKey: (key: ApiKey) => api.post<ApiKey>(`/api/v1/api-keys/${key.id}/revoke`, { creditorId: key.creditorId }),
  eventTypes: () => api.get<{ items: string[] }>('/api/v1/webhooks/event-types'),
  subscriptions: (creditorId: string | null) => api.get<{ items: Subscription[] }>(`/api/v1/webhooks/subscriptions${query({ creditorId })}`),
  subscribe: (body: { creditorId: string; url: string; eventTypes: string[] }) => api.post<{ secret: string; subscription: Subscription }>('/api/v1/webhooks/subscriptions', body),
  disable: (id: string) => api.post<Subscription>(`/api/v1/webhooks/subscriptions/${id}/disable`),
  deliveries: (creditorId: string | null, status: string | null) => api.get<{ items: Delivery[]; total: number }>(`/api/v1/webhooks/deliveries${query({ creditorId, status, limit: '100' })}`),
  replay: (id: string) => api.post<Delivery>(`/api/v1/webhooks/deliveries/${id}/replay`),
  dispatch: () => api.post<{ fanOut: { deliveriesCreated: number }; dispatch: { claimed: number; delivered: number } }>('/api/v1/webhooks/dispatch'),
  remittances: (creditorId: string | null) => api.get<{ items: Remittance[]; total: number }>(`/api/v1/remittances${query({ creditorId })}`),
  alerts: () => api.get<{ asOf: string; items: RemittanceAlert[] }>('/api/v1/remittances/alerts'),
  createRemittance: (body: { creditorId: string; periodFrom: string; periodTo: string }) => api.post<Remittance>('/api/v1/remittances', body),
  markPaid: (id: string, paidOn: string) => api.post<Remittance>(`/api/v1/remittances/${id}/paid`, { paidOn }),
};
